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
 * Storage of lists, their categories and questions. Reads and writes on behalf of staff
 * carry the body id; only the public registration pages find a list by its token.
 */
@Repository
class Lists {

	private final JdbcClient jdbc;

	Lists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-list */
	long insert(long bodyId, ListRules rules, String token, String password, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		bind(jdbc
			.sql("""
					INSERT INTO registration_list (body_id, name, public_token, registration_password, password_changed_at,
					       registration_open, purpose, period_start, period_end, url_management, eligibility, verification,
					       verification_note, deletion_criteria, disclaimer, collect_name, collect_furigana, collect_address,
					       collect_affiliation, collect_phone, affiliation_label, affiliation_options, retention_days,
					       created_at, updated_at)
					VALUES (:bodyId, :name, :token, :password, :now, TRUE, :purpose, :periodStart, :periodEnd,
					        :urlManagement, :eligibility, :verification, :verificationNote, :deletionCriteria, :disclaimer,
					        :collectName, :collectFurigana, :collectAddress, :collectAffiliation, :collectPhone,
					        :affiliationLabel, :affiliationOptions, :retentionDays, :now, :now)
					"""),
				rules)
			.param("bodyId", bodyId)
			.param("token", token)
			.param("password", password)
			.param("now", Sql.utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		replaceCategories(id, rules.categories());
		replaceCustomFields(id, rules.customFields());
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
		replaceCategories(id, rules.categories());
		replaceCustomFields(id, rules.customFields());
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

	/**
	 * replace-categories: keeps categories whose name stays (and registrants' choices of
	 * them), removes the others with those choices, adds new ones, in the order given.
	 */
	private void replaceCategories(long listId, List<String> names) {
		List<ListCategory> existing = categories(listId);
		for (ListCategory category : existing) {
			if (!names.contains(category.name())) {
				jdbc.sql("DELETE FROM registrant_category WHERE category_id = :id").param("id", category.id()).update();
				jdbc.sql("DELETE FROM list_category WHERE id = :id").param("id", category.id()).update();
			}
		}
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			int updated = jdbc.sql("UPDATE list_category SET position = :pos WHERE list_id = :listId AND name = :name")
				.param("pos", i)
				.param("listId", listId)
				.param("name", name)
				.update();
			if (updated == 0) {
				jdbc.sql("INSERT INTO list_category (list_id, name, position) VALUES (:listId, :name, :pos)")
					.param("listId", listId)
					.param("name", name)
					.param("pos", i)
					.update();
			}
		}
	}

	/** replace-custom-fields: same rule as categories, matched by id. */
	private void replaceCustomFields(long listId, List<ListRules.FieldRule> fields) {
		List<Long> keep = fields.stream().map(ListRules.FieldRule::id).filter(id -> id != null).toList();
		for (CustomField field : customFields(listId)) {
			if (!keep.contains(field.id())) {
				jdbc.sql("DELETE FROM registrant_answer WHERE field_id = :id").param("id", field.id()).update();
				jdbc.sql("DELETE FROM list_custom_field WHERE id = :id").param("id", field.id()).update();
			}
		}
		for (int i = 0; i < fields.size(); i++) {
			ListRules.FieldRule field = fields.get(i);
			int updated = field.id() == null ? 0 : jdbc.sql("""
					UPDATE list_custom_field SET label = :label, kind = :kind, options = :options, required = :required,
					       position = :pos
					WHERE id = :id AND list_id = :listId
					""")
				.param("label", field.label())
				.param("kind", field.kind().name())
				.param("options", Lines.join(field.options()))
				.param("required", field.required())
				.param("pos", i)
				.param("id", field.id())
				.param("listId", listId)
				.update();
			if (updated == 0) {
				jdbc.sql("""
						INSERT INTO list_custom_field (list_id, label, kind, options, required, position)
						VALUES (:listId, :label, :kind, :options, :required, :pos)
						""")
					.param("listId", listId)
					.param("label", field.label())
					.param("kind", field.kind().name())
					.param("options", Lines.join(field.options()))
					.param("required", field.required())
					.param("pos", i)
					.update();
			}
		}
	}

	Optional<RegistrationList> find(long id, long bodyId) {
		return jdbc.sql("SELECT * FROM registration_list WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.optional();
	}

	Optional<RegistrationList> findByToken(String token) {
		return jdbc.sql("SELECT * FROM registration_list WHERE public_token = :token")
			.param("token", token)
			.query(this::row)
			.optional();
	}

	Optional<RegistrationList> findById(long id) {
		return jdbc.sql("SELECT * FROM registration_list WHERE id = :id").param("id", id).query(this::row).optional();
	}

	List<RegistrationList> ofBody(long bodyId) {
		return jdbc.sql("SELECT * FROM registration_list WHERE body_id = :bodyId ORDER BY id")
			.param("bodyId", bodyId)
			.query(this::row)
			.list();
	}

	boolean nameTaken(long bodyId, String name, long exceptId) {
		return jdbc.sql("SELECT COUNT(*) FROM registration_list WHERE body_id = :bodyId AND name = :name AND id <> :id")
			.param("bodyId", bodyId)
			.param("name", name)
			.param("id", exceptId)
			.query(Long.class)
			.single() > 0;
	}

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

	void setOpen(long id, long bodyId, boolean open, Instant now) {
		jdbc.sql(
				"UPDATE registration_list SET registration_open = :open, updated_at = :now WHERE id = :id AND body_id = :bodyId")
			.param("open", open)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update();
	}

	List<ListCategory> categories(long listId) {
		return jdbc.sql("SELECT id, name FROM list_category WHERE list_id = :listId ORDER BY position, id")
			.param("listId", listId)
			.query((rs, n) -> new ListCategory(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	List<CustomField> customFields(long listId) {
		return jdbc.sql("SELECT * FROM list_custom_field WHERE list_id = :listId ORDER BY position, id")
			.param("listId", listId)
			.query((rs, n) -> new CustomField(rs.getLong("id"), rs.getString("label"),
					FieldKind.valueOf(rs.getString("kind")), Lines.of(rs.getString("options")),
					rs.getBoolean("required")))
			.list();
	}

	/** The code of the list's registration address for empty mail, if it has one. */
	Optional<String> mailCode(long listId) {
		return jdbc.sql("SELECT mail_code FROM registration_list WHERE id = :id AND mail_code IS NOT NULL")
			.param("id", listId)
			.query(String.class)
			.optional();
	}

	void setMailCode(long listId, @org.jspecify.annotations.Nullable String code) {
		jdbc.sql("UPDATE registration_list SET mail_code = :code WHERE id = :id")
			.param("code", code)
			.param("id", listId)
			.update();
	}

	Optional<RegistrationList> findByMailCode(String code) {
		return jdbc.sql("SELECT * FROM registration_list WHERE mail_code = :code")
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
				instantOrNull(rs, "erased_at"), categories(id), customFields(id));
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
