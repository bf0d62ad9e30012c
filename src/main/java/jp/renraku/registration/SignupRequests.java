package jp.renraku.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Confirmation links sent to addresses that asked to register. Only the token's hash is
 * kept.
 */
@Repository
class SignupRequests {

	/** A pending confirmation. */
	record SignupRequest(long id, long listId, String email, Instant expiresAt, boolean used, boolean passwordChecked) {
	}

	private final JdbcClient jdbc;

	SignupRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-signup: a link sent after the web form, where the password was given. */
	void insert(long listId, String tokenHash, String email, Instant expiresAt, Instant now) {
		insert(listId, tokenHash, email, expiresAt, now, true);
	}

	/**
	 * insert-signup: as above; {@code passwordChecked} false for a link answering an
	 * empty mail, which asks for the registration password before the form.
	 */
	void insert(long listId, String tokenHash, String email, Instant expiresAt, Instant now, boolean passwordChecked) {
		jdbc.sql("""
				INSERT INTO signup_request (list_id, token_hash, email, expires_at, created_at, password_checked)
				VALUES (:listId, :hash, :email, :expires, :now, :checked)
				""")
			.param("checked", passwordChecked)
			.param("listId", listId)
			.param("hash", tokenHash)
			.param("email", email)
			.param("expires", Sql.utc(expiresAt))
			.param("now", Sql.utc(now))
			.update();
	}

	/** find-signup: the request behind a link of the list, used or not. */
	Optional<SignupRequest> find(long listId, String tokenHash) {
		return jdbc.sql("""
				SELECT id, list_id, email, expires_at, used_at, password_checked FROM signup_request
				WHERE list_id = :listId AND token_hash = :hash
				""")
			.param("listId", listId)
			.param("hash", tokenHash)
			.query((rs, n) -> new SignupRequest(rs.getLong("id"), rs.getLong("list_id"), rs.getString("email"),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("used_at") != null,
					rs.getBoolean("password_checked")))
			.optional();
	}

	/** password-checked: the link's registration password was given. */
	void markPasswordChecked(long id) {
		jdbc.sql("UPDATE signup_request SET password_checked = TRUE WHERE id = :id").param("id", id).update();
	}

	/**
	 * sent-since-on-list: how many links the address was sent for the list since then
	 * (floods of empty mail).
	 */
	long sentSince(long listId, String email, Instant since) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM signup_request WHERE list_id = :listId AND email = :email AND created_at > :since
				""")
			.param("listId", listId)
			.param("email", email)
			.param("since", Sql.utc(since))
			.query(Long.class)
			.single();
	}

	/** sent-since: how many links the address was sent for any list since then. */
	long sentSince(String email, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM signup_request WHERE email = :email AND created_at > :since")
			.param("email", email)
			.param("since", Sql.utc(since))
			.query(Long.class)
			.single();
	}

	/** use-once: true only for the first caller, so a link registers at most once. */
	boolean markUsed(long id, Instant now) {
		return jdbc.sql("UPDATE signup_request SET used_at = :now WHERE id = :id AND used_at IS NULL")
			.param("now", Sql.utc(now))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * purge: removes addresses of requests that expired or were used, so none lingers.
	 */
	int purge(Instant before) {
		return jdbc.sql("DELETE FROM signup_request WHERE expires_at < :before OR used_at IS NOT NULL")
			.param("before", Sql.utc(before))
			.update();
	}

}
