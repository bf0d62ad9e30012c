package jp.renraku.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of registrants. Staff reads and writes carry the body id. Erasing deletes the
 * rows (the database drops their categories and answers with them) and leaves only a
 * consent record.
 */
@Repository
class Registrants {

	private final JdbcClient jdbc;

	/** What other modules keep about registrants, erased with them. */
	private final org.springframework.beans.factory.ObjectProvider<jp.renraku.common.PersonalDataErasure> erasures;

	Registrants(JdbcClient jdbc,
			org.springframework.beans.factory.ObjectProvider<jp.renraku.common.PersonalDataErasure> erasures) {
		this.erasures = erasures;
		this.jdbc = jdbc;
	}

	/**
	 * insert-registrant: fails with a duplicate key when the address is already on the
	 * list.
	 */
	long insert(RegistrationList list, String email, String emailHash, RegistrantDetails details, RegistrantState state,
			String nonce, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(
				"""
						INSERT INTO registrant (list_id, body_id, state, email, email_hash, name, furigana, postal_code, address,
						       affiliation, phone, link_nonce, created_at, updated_at)
						VALUES (:listId, :bodyId, :state, :email, :emailHash, :name, :furigana, :postalCode, :address,
						        :affiliation, :phone, :nonce, :now, :now)
						""")
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
		replaceChoices(id, details);
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
		jdbc.sql("DELETE FROM registrant_category WHERE registrant_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM registrant_answer WHERE registrant_id = :id").param("id", id).update();
		replaceChoices(id, details);
	}

	private void replaceChoices(long id, RegistrantDetails details) {
		for (Long categoryId : details.categoryIds()) {
			jdbc.sql("INSERT INTO registrant_category (registrant_id, category_id) VALUES (:id, :categoryId)")
				.param("id", id)
				.param("categoryId", categoryId)
				.update();
		}
		details.answers().forEach((fieldId, answer) -> {
			if (answer != null && !answer.isBlank()) {
				jdbc.sql(
						"INSERT INTO registrant_answer (registrant_id, field_id, answer) VALUES (:id, :fieldId, :answer)")
					.param("id", id)
					.param("fieldId", fieldId)
					.param("answer", answer)
					.update();
			}
		});
	}

	void setState(long id, RegistrantState state, Instant now) {
		jdbc.sql("UPDATE registrant SET state = :state, updated_at = :now WHERE id = :id")
			.param("state", state.name())
			.param("now", Sql.utc(now))
			.param("id", id)
			.update();
	}

	Optional<Registrant> find(long id) {
		return jdbc.sql("SELECT * FROM registrant WHERE id = :id").param("id", id).query(this::row).optional();
	}

	/** find-in-body: the tenancy guard; another body's registrant is absent. */
	Optional<Registrant> findInBody(long id, long bodyId) {
		return jdbc.sql("SELECT * FROM registrant WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.optional();
	}

	Optional<Registrant> findByEmailHash(long listId, String emailHash) {
		return jdbc.sql("SELECT * FROM registrant WHERE list_id = :listId AND email_hash = :hash")
			.param("listId", listId)
			.param("hash", emailHash)
			.query(this::row)
			.optional();
	}

	/**
	 * The id of the registrant with this address on a list (tests and imports look people
	 * up so).
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
	java.util.Set<String> emailHashes(long listId) {
		return new java.util.HashSet<>(jdbc.sql("SELECT email_hash FROM registrant WHERE list_id = :listId")
			.param("listId", listId)
			.query(String.class)
			.list());
	}

	/** The random value inside a registrant's personal links. */
	Optional<String> linkNonce(long id) {
		return jdbc.sql("SELECT link_nonce FROM registrant WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/**
	 * erase: deletes the person's row (and with it their choices and answers) and records
	 * only that consent existed, with the keyed hash of the address.
	 */
	void erase(Registrant registrant, String emailHash, String reason, Instant now) {
		jdbc.sql("""
				INSERT INTO consent_record (list_id, email_hash, registered_at, ended_at, end_reason)
				VALUES (:listId, :hash, :registeredAt, :now, :reason)
				""")
			.param("listId", registrant.listId())
			.param("hash", emailHash)
			.param("registeredAt", Sql.utc(registrant.createdAt()))
			.param("now", Sql.utc(now))
			.param("reason", reason)
			.update();
		jdbc.sql("DELETE FROM registrant WHERE id = :id").param("id", registrant.id()).update();
		erasures.orderedStream().forEach(erasure -> erasure.erase(List.of(registrant.id())));
	}

	String emailHash(long id) {
		return jdbc.sql("SELECT email_hash FROM registrant WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
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
		StringBuilder sql = new StringBuilder("SELECT r.* FROM registrant r WHERE r.body_id = ? AND r.list_id = ?");
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
			sql.append(" AND EXISTS (SELECT 1 FROM registrant_category c WHERE c.registrant_id = r.id"
					+ " AND c.category_id = ?)");
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

	Map<RegistrantState, Long> countByState(long bodyId, long listId) {
		Map<RegistrantState, Long> counts = new LinkedHashMap<>();
		for (RegistrantState state : RegistrantState.values()) {
			counts.put(state, 0L);
		}
		jdbc.sql(
				"SELECT state, COUNT(*) AS n FROM registrant WHERE body_id = :bodyId AND list_id = :listId GROUP BY state")
			.param("bodyId", bodyId)
			.param("listId", listId)
			.query((rs, n) -> counts.put(RegistrantState.valueOf(rs.getString("state")), rs.getLong("n")))
			.list();
		return counts;
	}

	private Registrant row(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		List<Long> categories = jdbc.sql("SELECT category_id FROM registrant_category WHERE registrant_id = :id")
			.param("id", id)
			.query(Long.class)
			.list();
		Map<Long, String> answers = new LinkedHashMap<>();
		jdbc.sql("SELECT field_id, answer FROM registrant_answer WHERE registrant_id = :id")
			.param("id", id)
			.query((r, i) -> answers.put(r.getLong("field_id"), r.getString("answer")))
			.list();
		return new Registrant(id, rs.getLong("list_id"), rs.getLong("body_id"),
				RegistrantState.valueOf(rs.getString("state")), rs.getString("email"), rs.getString("name"),
				rs.getString("furigana"), rs.getString("postal_code"), rs.getString("address"),
				rs.getString("affiliation"), rs.getString("phone"), categories, answers,
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
				jp.renraku.common.Sql.instant(rs.getObject("bounce_disabled_at", OffsetDateTime.class)));
	}

	/** A registration whose mail is stopped because it bounced. */
	record Bounced(long id, String email, String listName, @org.jspecify.annotations.Nullable String reason,
			Instant since) {
	}

	/**
	 * Resumes mail to the registrant's address on every registration of its body that was
	 * stopped for bouncing; returns how many.
	 */
	int resumeBounced(long registrantId, long bodyId) {
		return jdbc.sql("""
				UPDATE registrant SET bounce_disabled_at = NULL, bounce_reason = NULL
				WHERE body_id = :body AND bounce_disabled_at IS NOT NULL
				  AND LOWER(email) IN (SELECT LOWER(email) FROM registrant WHERE id = :id)
				""").param("body", bodyId).param("id", registrantId).update();
	}

	List<Bounced> bounced(long bodyId) {
		return jdbc.sql("""
				SELECT r.id, r.email, l.name AS list_name, r.bounce_reason, r.bounce_disabled_at
				FROM registrant r JOIN registration_list l ON l.id = r.list_id
				WHERE r.body_id = :body AND r.bounce_disabled_at IS NOT NULL
				ORDER BY r.bounce_disabled_at DESC, r.id LIMIT 1000
				""")
			.param("body", bodyId)
			.query((rs, n) -> new Bounced(rs.getLong("id"), rs.getString("email"), rs.getString("list_name"),
					rs.getString("bounce_reason"),
					rs.getObject("bounce_disabled_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

}
