package jp.renraku.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of lists; their categories and questions are in {@link ListChoices}. Reads and
 * writes on behalf of staff carry the body id; only the public registration pages find a
 * list by its token.
 */
@Repository
class Lists {

	/** The columns {@link #row} reads. */
	private static final String COLUMNS = """
			id, body_id, name, public_token, registration_password, password_changed_at, registration_open, purpose,
			period_start, period_end, url_management, eligibility, verification, verification_note, deletion_criteria,
			disclaimer, collect_name, collect_furigana, collect_address, collect_affiliation, collect_phone,
			affiliation_label, affiliation_options, retention_days, erased_at
			""";

	private final JdbcClient jdbc;

	private final ListChoices choices;

	Lists(JdbcClient jdbc, ListChoices choices) {
		this.jdbc = jdbc;
		this.choices = choices;
	}

	/**
	 * insert-list: a new list, open for registration, with its categories and questions.
	 */
	long insert(long bodyId, ListRules rules, String token, String shortCode, String password, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		bind(jdbc.sql("""
				INSERT INTO registration_list (body_id, name, public_token, short_code, registration_password,
				       password_changed_at, registration_open, purpose, period_start, period_end, url_management,
				       eligibility, verification, verification_note, deletion_criteria, disclaimer, collect_name,
				       collect_furigana, collect_address, collect_affiliation, collect_phone, affiliation_label,
				       affiliation_options, retention_days, created_at, updated_at)
				VALUES (:bodyId, :name, :token, :shortCode, :password, :now, TRUE, :purpose, :periodStart, :periodEnd,
				        :urlManagement, :eligibility, :verification, :verificationNote, :deletionCriteria, :disclaimer,
				        :collectName, :collectFurigana, :collectAddress, :collectAffiliation, :collectPhone,
				        :affiliationLabel, :affiliationOptions, :retentionDays, :now, :now)
				"""), rules).param("bodyId", bodyId)
			.param("token", token)
			.param("shortCode", shortCode)
			.param("password", password)
			.param("now", Sql.utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		choices.replaceCategories(id, rules.categories(), rules.mandatoryCategories());
		choices.replaceCustomFields(id, rules.customFields());
		return id;
	}

	/** update-list: the rules of one list of one body. */
	void update(long id, long bodyId, ListRules rules, Instant now) {
		bind(jdbc.sql("""
				UPDATE registration_list SET name = :name, purpose = :purpose, period_start = :periodStart,
				       period_end = :periodEnd, url_management = :urlManagement, eligibility = :eligibility,
				       verification = :verification, verification_note = :verificationNote,
				       deletion_criteria = :deletionCriteria, disclaimer = :disclaimer, collect_name = :collectName,
				       collect_furigana = :collectFurigana, collect_address = :collectAddress,
				       collect_affiliation = :collectAffiliation, collect_phone = :collectPhone,
				       affiliation_label = :affiliationLabel, affiliation_options = :affiliationOptions,
				       retention_days = :retentionDays, updated_at = :now
				WHERE id = :id AND body_id = :bodyId
				"""), rules).param("id", id).param("bodyId", bodyId).param("now", Sql.utc(now)).update();
		choices.replaceCategories(id, rules.categories(), rules.mandatoryCategories());
		choices.replaceCustomFields(id, rules.customFields());
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ListRules rules) {
		return spec.param("name", rules.name())
			.param("purpose", rules.purpose())
			.param("periodStart", rules.periodStart())
			.param("periodEnd", rules.periodEnd())
			.param("urlManagement", rules.urlManagement())
			.param("eligibility", rules.eligibility())
			.param("verification", rules.verification().name())
			.param("verificationNote", rules.verificationNote())
			.param("deletionCriteria", rules.deletionCriteria())
			.param("disclaimer", rules.disclaimer())
			.param("collectName", rules.collectName())
			.param("collectFurigana", rules.collectFurigana())
			.param("collectAddress", rules.collectAddress())
			.param("collectAffiliation", rules.collectAffiliation())
			.param("collectPhone", rules.collectPhone())
			.param("affiliationLabel", rules.affiliationLabel())
			.param("affiliationOptions", Lines.join(rules.affiliationOptions()))
			.param("retentionDays", rules.retentionDays());
	}

	/** find-in-body: the tenancy guard; another body's list is absent. */
	Optional<RegistrationList> find(long id, long bodyId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.optional();
	}

	/** find-by-token: the list behind a registration URL. */
	Optional<RegistrationList> findByToken(String token) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE public_token = :token")
			.param("token", token)
			.query(this::row)
			.optional();
	}

	/** find-by-short-code: the list behind a short registration URL (canonical code). */
	Optional<RegistrationList> findByShortCode(String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE short_code = :code")
			.param("code", code)
			.query(this::row)
			.optional();
	}

	/** short-code: the code of the list's short registration URL. */
	String shortCode(long listId) {
		return jdbc.sql("SELECT short_code FROM registration_list WHERE id = :id")
			.param("id", listId)
			.query(String.class)
			.single();
	}

	/** short-code-taken: whether a list has the code already. */
	boolean shortCodeTaken(String code) {
		return jdbc.sql("SELECT COUNT(*) FROM registration_list WHERE short_code = :code")
			.param("code", code)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * find-by-id: for a registrant's own pages and for exports, whose body is checked.
	 */
	Optional<RegistrationList> findById(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE id = :id")
			.param("id", id)
			.query(this::row)
			.optional();
	}

	/** lists-of-body: the body's lists, oldest first. */
	List<RegistrationList> ofBody(long bodyId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE body_id = :bodyId ORDER BY id")
			.param("bodyId", bodyId)
			.query(this::row)
			.list();
	}

	/** name-taken: whether another list of the body has the name. */
	boolean nameTaken(long bodyId, String name, long exceptId) {
		return jdbc.sql("SELECT COUNT(*) FROM registration_list WHERE body_id = :bodyId AND name = :name AND id <> :id")
			.param("bodyId", bodyId)
			.param("name", name)
			.param("id", exceptId)
			.query(Long.class)
			.single() > 0;
	}

	/** set-password: a new registration password for one list of one body. */
	void setPassword(long id, long bodyId, String password, Instant now) {
		jdbc.sql("""
				UPDATE registration_list SET registration_password = :password, password_changed_at = :now,
				       updated_at = :now
				WHERE id = :id AND body_id = :bodyId
				""")
			.param("password", password)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update();
	}

	/** set-open: opens or closes registration on one list of one body. */
	void setOpen(long id, long bodyId, boolean open, Instant now) {
		jdbc.sql(
				"UPDATE registration_list SET registration_open = :open, updated_at = :now WHERE id = :id AND body_id = :bodyId")
			.param("open", open)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update();
	}

	/** mail-code: the code of the list's registration address for empty mail, if any. */
	Optional<String> mailCode(long listId) {
		return jdbc.sql("SELECT mail_code FROM registration_list WHERE id = :id AND mail_code IS NOT NULL")
			.param("id", listId)
			.query(String.class)
			.optional();
	}

	/** set-mail-code: a new code for the address for empty mail, or none. */
	void setMailCode(long listId, @Nullable String code) {
		jdbc.sql("UPDATE registration_list SET mail_code = :code WHERE id = :id")
			.param("code", code)
			.param("id", listId)
			.update();
	}

	/** find-by-mail-code: the list an empty mail's registration address names. */
	Optional<RegistrationList> findByMailCode(String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registration_list WHERE mail_code = :code")
			.param("code", code)
			.query(this::row)
			.optional();
	}

	private RegistrationList row(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		return new RegistrationList(id, rs.getLong("body_id"), rs.getString("name"), rs.getString("public_token"),
				rs.getString("registration_password"), instant(rs, "password_changed_at"),
				rs.getBoolean("registration_open"), rs.getString("purpose"),
				rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
				rs.getString("url_management"), rs.getString("eligibility"),
				Verification.valueOf(rs.getString("verification")), rs.getString("verification_note"),
				rs.getString("deletion_criteria"), rs.getString("disclaimer"), rs.getBoolean("collect_name"),
				rs.getBoolean("collect_furigana"), rs.getBoolean("collect_address"),
				rs.getBoolean("collect_affiliation"), rs.getBoolean("collect_phone"), rs.getString("affiliation_label"),
				Lines.of(rs.getString("affiliation_options")), rs.getInt("retention_days"),
				instantOrNull(rs, "erased_at"), choices.categories(id), choices.customFields(id));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static List<Long> ids(List<ListCategory> categories) {
		List<Long> ids = new ArrayList<>();
		categories.forEach(c -> ids.add(c.id()));
		return ids;
	}

}
