package jp.renraku.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The counters of {@link RateLimit}s, kept in the database that every node shares (issue
 * 18), so that N nodes allow what one node allows, not N times as much.
 * <p>
 * Why a table of our own and not Bucket4j's PostgreSQL store
 * ({@code bucket4j_jdk17-postgresql} 8.14.0, which Maven Central serves): its SQL does
 * not run on H2 in PostgreSQL mode, the embedded default and the default test database
 * ({@code INSERT … ON CONFLICT(id) DO NOTHING} is a syntax error there, and its other
 * variant calls {@code pg_advisory_xact_lock}); and on PostgreSQL each consumption is a
 * transaction of its own on a connection of its own ({@code SELECT … FOR UPDATE},
 * {@code UPDATE}, {@code COMMIT}) around an opaque state that SQL cannot purge or read.
 * Here a counter is one row holding one number, the time at which its whole allowance is
 * back (GCRA, the same limit as Bucket4j's greedy refill), and counting is one
 * conditional {@code UPDATE} by primary key that both databases run atomically: of two
 * nodes counting at once, the second waits for the first's row lock and then sees its
 * count. The nodes' clocks are taken to agree (NTP), as for {@link NodeLeases}.
 * <p>
 * Rows stay few: a row whose allowance is whole again is purged every minute, and a row
 * lives one step (period / capacity) per attempt it counts, so a flood of clients that
 * try once each leaves rows for one step, not one period. Subjects are stored as keyed
 * hashes with the installation secret: no client address is kept in clear.
 */
@Component
public class RateLimits {

	private final JdbcClient jdbc;

	private final InstallationSecret secret;

	private final Clock clock;

	/**
	 * Counters on the given database: the application has one; a test that plays two
	 * nodes makes a second.
	 */
	public RateLimits(JdbcClient jdbc, InstallationSecret secret, Clock clock) {
		this.jdbc = jdbc;
		this.secret = secret;
		this.clock = clock;
	}

	/**
	 * read-counters: how many attempts of each counter are used now, in the order given,
	 * in one statement.
	 */
	public int[] used(RateLimit.Counter... counters) {
		List<String> keys = Arrays.stream(counters).map(this::key).toList();
		Map<String, Long> refilled = jdbc
			.sql("SELECT limit_key, refilled_at FROM rate_limit WHERE limit_key IN (:keys)")
			.param("keys", keys)
			.query((rs, n) -> Map.entry(rs.getString("limit_key"), rs.getLong("refilled_at")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		long now = now();
		int[] used = new int[counters.length];
		for (int i = 0; i < counters.length; i++) {
			Long at = refilled.get(keys.get(i));
			used[i] = at == null ? 0 : counters[i].limit().used(at, now);
		}
		return used;
	}

	/**
	 * Counts one attempt if the counter has one left (Bucket4j's {@code tryConsume(1)});
	 * false when its allowance is used up. One statement, two for a counter's first
	 * attempt.
	 */
	public boolean take(RateLimit.Counter counter) {
		String key = key(counter);
		long now = now();
		long step = counter.limit().stepMicros();
		if (consume(key, now, step, counter.limit().capacity()) == 1) {
			return true;
		}
		if (insertTaken(key, now + step)) {
			return true;
		}
		// the row is there: used up, or another node made it a moment ago
		return consume(key, now, step, counter.limit().capacity()) == 1;
	}

	/**
	 * Counts one attempt if the counter has one left, as {@link #take} does, when the
	 * caller need not know whether it did: one statement whether or not the allowance is
	 * used up (two for a counter's first attempt).
	 */
	public void count(RateLimit.Counter counter) {
		String key = key(counter);
		long now = now();
		long step = counter.limit().stepMicros();
		if (consumeIfRoom(key, now, step, counter.limit().capacity()) == 0 && !insertTaken(key, now + step)) {
			// another node made the row a moment ago
			consumeIfRoom(key, now, step, counter.limit().capacity());
		}
	}

	/**
	 * consume-if-room: one attempt more if there is room, else the row stays as it was; 1
	 * whenever the row is there.
	 */
	private int consumeIfRoom(String key, long now, long step, int capacity) {
		return jdbc.sql("""
				UPDATE rate_limit SET refilled_at = CASE
				    WHEN GREATEST(refilled_at, :now) + :step <= :now + :span THEN GREATEST(refilled_at, :now) + :step
				    ELSE refilled_at END
				WHERE limit_key = :key
				""").param("now", now).param("step", step).param("span", step * capacity).param("key", key).update();
	}

	/**
	 * consume: one attempt more, unless that would be more than the capacity within the
	 * period.
	 */
	private int consume(String key, long now, long step, int capacity) {
		return jdbc.sql("""
				UPDATE rate_limit SET refilled_at = GREATEST(refilled_at, :now) + :step
				WHERE limit_key = :key AND GREATEST(refilled_at, :now) + :step <= :now + :span
				""").param("now", now).param("step", step).param("span", step * capacity).param("key", key).update();
	}

	/** insert-taken: a counter's first row, with its first attempt counted. */
	private boolean insertTaken(String key, long refilledAt) {
		try {
			return jdbc.sql("INSERT INTO rate_limit (limit_key, refilled_at) VALUES (:key, :at) ON CONFLICT DO NOTHING")
				.param("key", key)
				.param("at", refilledAt)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// another node inserted it first
			return false;
		}
	}

	/**
	 * report-once: true for exactly one caller in the whole city while the counter's
	 * allowance is used up, and then again only after {@code window}: who gets true tells
	 * (the operations managers, say) and the others keep quiet.
	 */
	public boolean firstToReport(RateLimit.Counter counter, Duration window) {
		long now = now();
		RateLimit limit = counter.limit();
		return jdbc.sql("""
				UPDATE rate_limit SET noticed_until = :until
				WHERE limit_key = :key AND refilled_at > :usedUp
				  AND (noticed_until IS NULL OR noticed_until <= :now)
				""")
			.param("until", now + window.toNanos() / 1000)
			.param("key", key(counter))
			.param("usedUp", now + limit.stepMicros() * (limit.capacity() - 1))
			.param("now", now)
			.update() == 1;
	}

	/** forget-limit: every counter of the limit goes (for tests and a fresh start). */
	public void forget(RateLimit limit) {
		jdbc.sql("DELETE FROM rate_limit WHERE limit_key LIKE :prefix")
			.param("prefix", limit.purpose() + ":%")
			.update();
	}

	/**
	 * purge: counters whose whole allowance is back and that hold no report in force; a
	 * missing row means the same. Safe on every node at once.
	 */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	public int purge() {
		long now = now();
		return jdbc.sql("""
				DELETE FROM rate_limit
				WHERE refilled_at < :now AND (noticed_until IS NULL OR noticed_until <= :now)
				""").param("now", now).update();
	}

	/** The row's key: the purpose, and a keyed hash of the subject. */
	private String key(RateLimit.Counter counter) {
		String purpose = counter.limit().purpose();
		return purpose + ":" + secret.keyedHash("rate-limit " + purpose, counter.subject());
	}

	private long now() {
		Instant now = clock.instant();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

}
