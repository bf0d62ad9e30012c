package jp.renraku.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renraku.common.PersonalDataErasure;
import jp.renraku.common.Language;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of registrants; what they chose is in {@link RegistrantChoices}. Staff reads
 * and writes carry the body id. Erasing deletes the rows (the database drops their
 * categories and answers with them) and leaves only a consent record.
 */
@Repository
class Registrants {

	/** The columns {@link #row} reads, of {@code registrant r}. */
	private static final String COLUMNS = """
			r.id, r.list_id, r.body_id, r.state, r.email, r.name, r.furigana, r.postal_code, r.address, r.affiliation,
			r.phone, r.created_at, r.updated_at, r.bounce_disabled_at, r.language
			""";

	private final JdbcClient jdbc;

	private final RegistrantChoices choices;

	/** What other modules keep about registrants, erased with them. */
	private final ObjectProvider<PersonalDataErasure> erasures;

	Registrants(JdbcClient jdbc, RegistrantChoices choices, ObjectProvider<PersonalDataErasure> erasures) {
		this.jdbc = jdbc;
		this.choices = choices;
		this.erasures = erasures;
	}

	/**
	 * insert-registrant: fails with a duplicate key when the address is already on the
	 * list.
	 */
	long insert(RegistrationList list, String email, String emailHash, RegistrantDetails details, RegistrantState state,
			String nonce, Instant now) {
		return insert(list, email, emailHash, details, state, nonce, now, Language.JA);
	}

	/** insert-registrant: as above, reading Renraku in {@code language}. */
	long insert(RegistrationList list, String email, String emailHash, RegistrantDetails details, RegistrantState state,
			String nonce, Instant now, Language language) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(
				"""
						INSERT INTO registrant (list_id, body_id, state, email, email_hash, name, furigana, postal_code, address,
						       affiliation, phone, link_nonce, created_at, updated_at, language)
						VALUES (:listId, :bodyId, :state, :email, :emailHash, :name, :furigana, :postalCode, :address,
						        :affiliation, :phone, :nonce, :now, :now, :language)
						""")
			.param("language", language.code())
			.param("listId", list.id())
			.param("bodyId", list.bodyId())
			.param("state", state.name())
			.param("email", email)
			.param("emailHash", emailHash)
			.param("name", details.name())
			.param("furigana", details.furigana())
			.param("postalCode", details.postalCode())
			.param("address", details.address())
			.param("affiliation", details.affiliation())
			.param("phone", details.phone())
			.param("nonce", nonce)
			.param("now", Sql.utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		choices.insert(id, details);
		return id;
	}

	/**
	 * update-registrant: the items and choices; the address and list never change here.
	 */
	void update(long id, RegistrantDetails details, Instant now) {
		jdbc.sql("""
				UPDATE registrant SET name = :name, furigana = :furigana, postal_code = :postalCode, address = :address,
				       affiliation = :affiliation, phone = :phone, updated_at = :now
				WHERE id = :id
				""")
			.param("name", details.name())
			.param("furigana", details.furigana())
			.param("postalCode", details.postalCode())
			.param("address", details.address())
			.param("affiliation", details.affiliation())
			.param("phone", details.phone())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
		choices.replace(id, details);
	}

	/** set-state: approval makes a pending registrant active. */
	void setState(long id, RegistrantState state, Instant now) {
		jdbc.sql("UPDATE registrant SET state = :state, updated_at = :now WHERE id = :id")
			.param("state", state.name())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/** find: a registrant by id, for their own pages (the personal link was checked). */
	Optional<Registrant> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registrant r WHERE r.id = :id")
			.param("id", id)
			.query(this::row)
			.optional();
	}

	/** find-in-body: the tenancy guard; another body's registrant is absent. */
	Optional<Registrant> findInBody(long id, long bodyId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registrant r WHERE r.id = :id AND r.body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.optional();
	}

	/** find-by-email-hash: the registrant with this address on the list, if any. */
	Optional<Registrant> findByEmailHash(long listId, String emailHash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM registrant r WHERE r.list_id = :listId AND r.email_hash = :hash")
			.param("listId", listId)
			.param("hash", emailHash)
			.query(this::row)
			.optional();
	}

	/**
	 * id-by-email: the id of the registrant with this address on a list (tests and
	 * imports look people up so).
	 */
	Optional<Long> idByEmail(long listId, String email) {
		return jdbc.sql("SELECT id FROM registrant WHERE list_id = :listId AND email = :email")
			.param("listId", listId)
			.param("email", email)
			.query(Long.class)
			.optional();
	}

	/**
	 * email-hashes: every address hash on the list, to find duplicates of an import in
	 * one pass.
	 */
	Set<String> emailHashes(long listId) {
		return new HashSet<>(jdbc.sql("SELECT email_hash FROM registrant WHERE list_id = :listId")
			.param("listId", listId)
			.query(String.class)
			.list());
	}

	/** link-nonce: the random value inside a registrant's personal links. */
	Optional<String> linkNonce(long id) {
		return jdbc.sql("SELECT link_nonce FROM registrant WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/**
	 * erase: deletes the person's row (and with it their choices and answers) and records
	 * only that consent existed, with the keyed hash of the address and the id their old
	 * links carry. The row is locked first, so of two erasures at once (a stop button
	 * pressed twice) one erases and the other finds nobody: false.
	 */
	boolean erase(Registrant registrant, String reason, Instant now) {
		Optional<String> emailHash = jdbc.sql("SELECT email_hash FROM registrant WHERE id = :id FOR UPDATE")
			.param("id", registrant.id())
			.query(String.class)
			.optional();
		if (emailHash.isEmpty()) {
			return false;
		}
		jdbc.sql("""
				INSERT INTO consent_record (list_id, registrant_id, email_hash, registered_at, ended_at, end_reason)
				VALUES (:listId, :id, :hash, :registeredAt, :now, :reason)
				""")
			.param("listId", registrant.listId())
			.param("id", registrant.id())
			.param("hash", emailHash.get())
			.param("registeredAt", Sql.utc(registrant.createdAt()))
			.param("now", Sql.utc(now))
			.param("reason", reason)
			.update();
		jdbc.sql("DELETE FROM registrant WHERE id = :id").param("id", registrant.id()).update();
		erasures.orderedStream().forEach(erasure -> erasure.erase(List.of(registrant.id())));
		return true;
	}

	/** Search criteria of the registrant list page; every field is optional. */
	record Criteria(@Nullable String text, @Nullable Long categoryId, @Nullable String affiliation,
			@Nullable RegistrantState state) {
	}

	/**
	 * search-registrants: one list of one body, newest first. Filters are fixed fragments
	 * with bound parameters.
	 */
	List<Registrant> search(long bodyId, long listId, Criteria criteria, int limit, int offset) {
		StringBuilder sql = new StringBuilder(
				"SELECT " + COLUMNS + " FROM registrant r WHERE r.body_id = ? AND r.list_id = ?");
		List<Object> params = new ArrayList<>(List.of(bodyId, listId));
		if (criteria.text() != null && !criteria.text().isBlank()) {
			sql.append(" AND (LOWER(r.email) LIKE ? ESCAPE '!' OR LOWER(r.name) LIKE ? ESCAPE '!'"
					+ " OR LOWER(r.furigana) LIKE ? ESCAPE '!')");
			String like = Sql.containsPattern(criteria.text());
			params.add(like);
			params.add(like);
			params.add(like);
		}
		if (criteria.categoryId() != null) {
			// a mandatory category is everyone's on its list
			sql.append(" AND (EXISTS (SELECT 1 FROM registrant_category c WHERE c.registrant_id = r.id"
					+ " AND c.category_id = ?) OR EXISTS (SELECT 1 FROM list_category k WHERE k.id = ?"
					+ " AND k.list_id = r.list_id AND k.mandatory = TRUE))");
			params.add(criteria.categoryId());
			params.add(criteria.categoryId());
		}
		if (criteria.affiliation() != null && !criteria.affiliation().isBlank()) {
			sql.append(" AND r.affiliation = ?");
			params.add(criteria.affiliation());
		}
		if (criteria.state() != null) {
			sql.append(" AND r.state = ?");
			params.add(criteria.state().name());
		}
		sql.append(" ORDER BY r.id DESC LIMIT ? OFFSET ?");
		params.add(limit);
		params.add(offset);
		return jdbc.sql(sql.toString()).params(params).query(this::row).list();
	}

	/** count-by-state: how many registrants of each state the list has (0 when none). */
	RegistrantCounts countByState(long bodyId, long listId) {
		Map<RegistrantState, Long> counts = new EnumMap<>(RegistrantState.class);
		jdbc.sql(
				"SELECT state, COUNT(*) AS n FROM registrant WHERE body_id = :bodyId AND list_id = :listId GROUP BY state")
			.param("bodyId", bodyId)
			.param("listId", listId)
			.query((rs, n) -> counts.put(RegistrantState.valueOf(rs.getString("state")), rs.getLong("n")))
			.list();
		return new RegistrantCounts(counts.getOrDefault(RegistrantState.ACTIVE, 0L),
				counts.getOrDefault(RegistrantState.PENDING, 0L));
	}

	private Registrant row(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		return new Registrant(id, rs.getLong("list_id"), rs.getLong("body_id"),
				RegistrantState.valueOf(rs.getString("state")), rs.getString("email"), rs.getString("name"),
				rs.getString("furigana"), rs.getString("postal_code"), rs.getString("address"),
				rs.getString("affiliation"), rs.getString("phone"), choices.categoryIds(id), choices.answers(id),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
				Sql.instant(rs.getObject("bounce_disabled_at", OffsetDateTime.class)),
				Language.stored(rs.getString("language")));
	}

	/** set-language: the language the registration's mails and pages are in. */
	void setLanguage(long id, Language language, Instant now) {
		jdbc.sql("UPDATE registrant SET language = :language, updated_at = :now WHERE id = :id")
			.param("language", language.code())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	/**
	 * resume-bounced: resumes mail to the registrant's address on every registration of
	 * its body that was stopped for bouncing; returns how many.
	 */
	int resumeBounced(long registrantId, long bodyId) {
		return jdbc.sql("""
				UPDATE registrant SET bounce_disabled_at = NULL, bounce_reason = NULL
				WHERE body_id = :body AND bounce_disabled_at IS NOT NULL
				  AND LOWER(email) IN (SELECT LOWER(email) FROM registrant WHERE id = :id)
				""").param("body", bodyId).param("id", registrantId).update();
	}

}
