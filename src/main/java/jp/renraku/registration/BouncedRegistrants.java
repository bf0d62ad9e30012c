package jp.renraku.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registrations of a body whose mail bounced: stopped ones, and those whose
 * resident's own filter refuses the city's mail (issue 15).
 */
@Repository
class BouncedRegistrants {

	private final JdbcClient jdbc;

	BouncedRegistrants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A registration whose mail is stopped because it bounced. */
	record Bounced(long id, String email, String listName, @Nullable String reason, Instant since) {
	}

	/** A registration whose resident's filter refused mail, {@code times} times. */
	record Filtered(long id, String email, String listName, Instant last, int times) {
	}

	/**
	 * bounced: the body's registrations stopped for bouncing, newest first, at most 1000.
	 */
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
					rs.getObject("bounce_disabled_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * filtered: the body's active registrations refused by their resident's filter,
	 * newest first.
	 */
	List<Filtered> filtered(long bodyId) {
		return jdbc.sql("""
				SELECT r.id, r.email, l.name AS list_name, r.filtered_at, r.filtered_count
				FROM registrant r JOIN registration_list l ON l.id = r.list_id
				WHERE r.body_id = :body AND r.filtered_at IS NOT NULL AND r.state = 'ACTIVE'
				ORDER BY r.filtered_at DESC, r.id LIMIT 1000
				""")
			.param("body", bodyId)
			.query((rs, n) -> new Filtered(rs.getLong("id"), rs.getString("email"), rs.getString("list_name"),
					rs.getObject("filtered_at", OffsetDateTime.class).toInstant(), rs.getInt("filtered_count")))
			.list();
	}

	/**
	 * dismiss-filtered: the resident was told how to allow the city's mail; on every
	 * registration of the address in the body. Returns how many.
	 */
	int dismissFiltered(long registrantId, long bodyId) {
		return jdbc.sql("""
				UPDATE registrant SET filtered_at = NULL, filtered_count = 0
				WHERE body_id = :body AND filtered_at IS NOT NULL
				  AND LOWER(email) IN (SELECT LOWER(email) FROM registrant WHERE id = :id)
				""").param("body", bodyId).param("id", registrantId).update();
	}

	/** emails: the addresses of the body's registrants among the ids. */
	Map<Long, String> emails(long bodyId, Collection<Long> ids) {
		Map<Long, String> emails = new HashMap<>();
		if (ids.isEmpty()) {
			return emails;
		}
		jdbc.sql("SELECT id, email FROM registrant WHERE body_id = :body AND id IN (:ids)")
			.param("body", bodyId)
			.param("ids", ids)
			.query((rs, n) -> emails.put(rs.getLong("id"), rs.getString("email")))
			.list();
		return emails;
	}

}
