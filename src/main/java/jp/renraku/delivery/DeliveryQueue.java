package jp.renraku.delivery;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox. Releasing a notice is one INSERT ... SELECT ({@link RecipientQueue});
 * workers claim due rows in batches with a lease ({@code FOR UPDATE SKIP LOCKED}, so
 * several nodes never take the same row) and write their outcomes back in JDBC batches.
 * What the outbox reports (progress, load, failures, receipt targets) is read by
 * {@link DeliveryReports}.
 */
@Repository
class DeliveryQueue {

	private static final RowMapper<Claimed> CLAIMED = (rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("notice_id"),
			rs.getLong("body_id"), rs.getLong("registrant_id"), rs.getInt("attempts"),
			Sql.instant(rs.getObject("created_at", OffsetDateTime.class)), Language.stored(rs.getString("language")));

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final DeliveryMeters meters;

	DeliveryQueue(JdbcClient jdbc, JdbcTemplate batch, DeliveryMeters meters) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.meters = meters;
	}

	/**
	 * A claimed delivery; {@code queuedAt} is when its notice was released (the row
	 * made), for the delivery time; {@code language} the version of the notice it gets.
	 */
	record Claimed(long id, long noticeId, long bodyId, long registrantId, int attempts, @Nullable Instant queuedAt,
			Language language) {

		Claimed(long id, long noticeId, long bodyId, long registrantId, int attempts) {
			this(id, noticeId, bodyId, registrantId, attempts, null, Language.JA);
		}

	}

	/**
	 * What became of a claimed delivery; {@code route} is the destination group it went
	 * to (null for an address in none), kept with a sent message for its delivery time.
	 */
	record Outcome(long id, DeliveryStatus status, int attempts, Instant nextAttemptAt, @Nullable String reply,
			@Nullable Instant sentAt, @Nullable String route) {

		Outcome(long id, DeliveryStatus status, int attempts, Instant nextAttemptAt, @Nullable String reply,
				@Nullable Instant sentAt) {
			this(id, status, attempts, nextAttemptAt, reply, sentAt, null);
		}

		/** The same outcome, for a message that went to this destination group. */
		Outcome via(@Nullable String route) {
			return new Outcome(id, status, attempts, nextAttemptAt, reply, sentAt, route);
		}

	}

	/**
	 * As {@link #claim(String, int, Instant, Duration, Collection)}, with no body held.
	 */
	@Transactional
	List<Claimed> claim(String worker, int limit, Instant now, Duration lease) {
		return claim(worker, limit, now, lease, List.of());
	}

	/**
	 * claim: queued rows first, emergency before routine, oldest first, read straight
	 * from the claim index; then retries that are due and rows whose lease ran out (a
	 * dead worker's); the rows of the held bodies wait. Rows are locked so that other
	 * workers skip them, then marked as being sent under this worker's lease. A retry of
	 * an emergency notice waits behind queued routine rows; retries are few.
	 */
	@Transactional
	List<Claimed> claim(String worker, int limit, Instant now, Duration lease, Collection<Long> heldBodies) {
		List<Long> held = heldBodies.isEmpty() ? List.of(-1L) : List.copyOf(heldBodies);
		List<Claimed> claimed = new ArrayList<>(jdbc.sql("""
				SELECT id, notice_id, body_id, registrant_id, attempts, created_at, language FROM delivery
				WHERE status = 'QUEUED' AND next_attempt_at <= :now AND body_id NOT IN (:held)
				ORDER BY priority, id
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""").param("now", Sql.utc(now)).param("held", held).param("limit", limit).query(CLAIMED).list());
		if (claimed.size() < limit) {
			claimed.addAll(jdbc.sql("""
					SELECT id, notice_id, body_id, registrant_id, attempts, created_at, language FROM delivery
					WHERE ((status IN ('RETRYING', 'DEFERRED') AND next_attempt_at <= :now AND body_id NOT IN (:held))
					       OR (status = 'SENDING' AND lease_until < :now))
					ORDER BY priority, id
					LIMIT :limit
					FOR UPDATE SKIP LOCKED
					""")
				.param("now", Sql.utc(now))
				.param("held", held)
				.param("limit", limit - claimed.size())
				.query(CLAIMED)
				.list());
		}
		if (claimed.isEmpty()) {
			return claimed;
		}
		jdbc.sql(
				"UPDATE delivery SET status = 'SENDING', lease_until = :until, claimed_by = :worker WHERE id IN (:ids)")
			.param("until", Sql.utc(now.plus(lease)))
			.param("worker", worker)
			.param("ids", claimed.stream().map(Claimed::id).toList())
			.update();
		meters.claimed(claimed);
		return claimed;
	}

	/** Accepted messages that are written together: one destination group, one tick. */
	private record Accepted(@Nullable String route, long tick) {
	}

	/** How finely an accepted message's time is kept: a tenth of a second. */
	private static final long TICK_MILLIS = 100;

	/**
	 * finish: the messages the relay accepted are marked in one statement per destination
	 * group and tenth of a second (a handful per batch), each with the time the last of
	 * them was accepted; the others (few) in one JDBC batch with their own attempt count,
	 * next attempt and reply. Each outcome is counted for the operators' metrics. Only
	 * the worker's own rows are written: a row another worker took over is that worker's
	 * to record (a retry written over its sent row would send the mail once more).
	 */
	@Transactional
	void finish(String worker, List<Outcome> outcomes) {
		Map<Accepted, List<Long>> sent = new HashMap<>();
		Map<Accepted, Instant> sentAt = new HashMap<>();
		List<Object[]> others = new ArrayList<>();
		for (Outcome o : outcomes) {
			meters.finished(o.id(), o.status(), o.sentAt(), o.route());
			if (o.status() == DeliveryStatus.SENT && o.sentAt() != null) {
				Accepted together = new Accepted(o.route(), o.sentAt().toEpochMilli() / TICK_MILLIS);
				sent.computeIfAbsent(together, key -> new ArrayList<>()).add(o.id());
				sentAt.merge(together, o.sentAt(), (one, other) -> one.isAfter(other) ? one : other);
				continue;
			}
			others.add(new Object[] { o.status().name(), o.attempts(), Sql.utc(o.nextAttemptAt()), o.reply(), o.id(),
					worker });
		}
		for (Map.Entry<Accepted, List<Long>> group : sent.entrySet()) {
			jdbc.sql("""
					UPDATE delivery SET status = 'SENT', attempts = attempts + 1, sent_at = :sentAt, route = :route,
					       last_reply = NULL, lease_until = NULL
					WHERE id IN (:ids) AND claimed_by = :worker
					""")
				.param("sentAt", Sql.utc(sentAt.get(group.getKey())))
				.param("worker", worker)
				.param("route", group.getKey().route(), Types.VARCHAR)
				.param("ids", group.getValue())
				.update();
		}
		if (!others.isEmpty()) {
			batch.batchUpdate(
					"""
							UPDATE delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_reply = ?, lease_until = NULL
							WHERE id = ? AND claimed_by = ?
							""",
					others);
		}
	}

	/**
	 * pause: holds the notice's waiting rows; rows already being sent finish. Returns how
	 * many were held.
	 */
	@Transactional
	int pause(long noticeId) {
		return jdbc.sql(
				"UPDATE delivery SET status = 'PAUSED' WHERE notice_id = :id AND status IN ('QUEUED', 'RETRYING', 'DEFERRED')")
			.param("id", noticeId)
			.update();
	}

	/** resume: queues the held rows again, due at once. */
	@Transactional
	int resume(long noticeId, Instant now) {
		return jdbc.sql(
				"UPDATE delivery SET status = 'QUEUED', next_attempt_at = :now WHERE notice_id = :id AND status = 'PAUSED'")
			.param("now", Sql.utc(now))
			.param("id", noticeId)
			.update();
	}

	/**
	 * retry-failed: queues the failed rows of a notice once more (after the cause was
	 * fixed).
	 */
	@Transactional
	int retryFailed(long noticeId, Instant now) {
		return jdbc.sql(
				"UPDATE delivery SET status = 'QUEUED', next_attempt_at = :now WHERE notice_id = :id AND status = 'FAILED'")
			.param("now", Sql.utc(now))
			.param("id", noticeId)
			.update();
	}

	/**
	 * discard-waiting: the body's unsent mail will not be sent (the system
	 * administrator's choice when a suspended body is reinstated). Returns how many were
	 * discarded.
	 */
	@Transactional
	int discardWaiting(long bodyId) {
		return jdbc.sql("""
				UPDATE delivery SET status = 'DISCARDED', lease_until = NULL
				WHERE body_id = :body AND status IN ('QUEUED', 'RETRYING', 'DEFERRED', 'PAUSED')
				""").param("body", bodyId).update();
	}

}
