package jp.renraku.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counters of wrong sign-ins, one per login ID and client and one per login ID for
 * all clients ({@link #ALL_CLIENTS}). Kept in the database, so every node counts the
 * same. Keys are keyed hashes (see {@link SignInThrottle}).
 */
@Repository
class SignInFailures {

	/** The client key of the counter of every client together. */
	static final String ALL_CLIENTS = "*";

	/** One counter. */
	record Counter(int failures, Instant windowStart, Instant lastFailure, @Nullable Instant lockedUntil) {

		boolean lockedAt(Instant now) {
			return lockedUntil != null && lockedUntil.isAfter(now);
		}

	}

	private final JdbcClient jdbc;

	SignInFailures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * counters: the client's counter and the all-clients counter of a login ID, keyed by
	 * client key; absent when there were no failures.
	 */
	Map<String, Counter> counters(String loginKey, String clientKey) {
		return jdbc.sql("""
				SELECT client_key, failures, window_start, last_failure, locked_until FROM sign_in_throttle
				WHERE login_key = :login AND client_key IN (:client, '*')
				""")
			.param("login", loginKey)
			.param("client", clientKey)
			.query((rs, n) -> Map.entry(rs.getString("client_key"),
					new Counter(rs.getInt("failures"), rs.getObject("window_start", OffsetDateTime.class).toInstant(),
							rs.getObject("last_failure", OffsetDateTime.class).toInstant(),
							Sql.instant(rs.getObject("locked_until", OffsetDateTime.class)))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * count-failure: one more wrong attempt, atomically, so that concurrent guesses are
	 * all counted; a counter whose window began before {@code windowFloor} starts again
	 * at one. Returns the new number of failures.
	 */
	int count(String loginKey, String clientKey, Instant now, Instant windowFloor) {
		jdbc.sql("""
				INSERT INTO sign_in_throttle (login_key, client_key, failures, window_start, last_failure)
				VALUES (:login, :client, 0, :now, :now)
				ON CONFLICT DO NOTHING
				""").param("login", loginKey).param("client", clientKey).param("now", Sql.utc(now)).update();
		jdbc.sql("""
				UPDATE sign_in_throttle
				SET failures = CASE WHEN window_start < :floor THEN 1 ELSE failures + 1 END,
				    window_start = CASE WHEN window_start < :floor THEN :now ELSE window_start END,
				    last_failure = :now
				WHERE login_key = :login AND client_key = :client
				""")
			.param("floor", Sql.utc(windowFloor))
			.param("now", Sql.utc(now))
			.param("login", loginKey)
			.param("client", clientKey)
			.update();
		return jdbc.sql("SELECT failures FROM sign_in_throttle WHERE login_key = :login AND client_key = :client")
			.param("login", loginKey)
			.param("client", clientKey)
			.query(Integer.class)
			.single();
	}

	/** lock: the counter refuses until then; its count starts again after the lock. */
	void lock(String loginKey, String clientKey, Instant until) {
		jdbc.sql("""
				UPDATE sign_in_throttle SET locked_until = :until, failures = 0, window_start = :until
				WHERE login_key = :login AND client_key = :client
				""").param("until", Sql.utc(until)).param("login", loginKey).param("client", clientKey).update();
	}

	/** forget-client: a successful sign-in clears that client's counter only. */
	void forget(String loginKey, String clientKey) {
		jdbc.sql("DELETE FROM sign_in_throttle WHERE login_key = :login AND client_key = :client")
			.param("login", loginKey)
			.param("client", clientKey)
			.update();
	}

	/** forget-all: an administrator unlocks; every counter of the ID goes. */
	void forgetAll(String loginKey) {
		jdbc.sql("DELETE FROM sign_in_throttle WHERE login_key = :login").param("login", loginKey).update();
	}

	/** locked-keys: which of the login keys have a lock in force, of any client. */
	Set<String> locked(Collection<String> loginKeys, Instant now) {
		if (loginKeys.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("""
				SELECT DISTINCT login_key FROM sign_in_throttle WHERE login_key IN (:logins) AND locked_until > :now
				""").param("logins", List.copyOf(loginKeys)).param("now", Sql.utc(now)).query(String.class).list());
	}

	/**
	 * purge: counters without a lock in force whose last failure is older than the
	 * window; they would start again at one anyway.
	 */
	int purge(Instant before) {
		return jdbc.sql("""
				DELETE FROM sign_in_throttle
				WHERE last_failure < :before AND (locked_until IS NULL OR locked_until < :before)
				""").param("before", Sql.utc(before)).update();
	}

}
