package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox. Releasing a notice is one INSERT ... SELECT; workers claim due rows in
 * batches with a lease ({@code FOR UPDATE SKIP LOCKED}, so several nodes never take the
 * same row) and write their outcomes back in JDBC batches.
 */
@Repository
public class DeliveryQueue {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	DeliveryQueue(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** A claimed delivery. */
	record Claimed(long id, long noticeId, long registrantId, int attempts) {
	}

	/** What became of a claimed delivery. */
	record Outcome(long id, DeliveryStatus status, int attempts, Instant nextAttemptAt, @Nullable String reply,
			@Nullable Instant sentAt) {
	}

	/** Progress of one notice, by status. */
	public record Progress(Map<DeliveryStatus, Long> counts) {

		public long count(DeliveryStatus status) {
			return counts.getOrDefault(status, 0L);
		}

		public long total() {
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}

		public long remaining() {
			return count(DeliveryStatus.QUEUED) + count(DeliveryStatus.SENDING) + count(DeliveryStatus.RETRYING);
		}

	}

	/**
	 * enqueue: one row per recipient of the selection, in one statement. Emergency
	 * notices get priority 0 and go before every routine one.
	 */
	@Transactional
	public long enqueue(long noticeId, long bodyId, boolean emergency, RecipientSelection selection, Instant now) {
		return jdbc.sql("INSERT INTO delivery (notice_id, body_id, registrant_id, priority, status, attempts, "
				+ "next_attempt_at, created_at) SELECT :noticeId, :bodyId, s.registrant_id, :priority, 'QUEUED', 0, :now, "
				+ ":now FROM (" + selection.sql() + ") s")
			.params(selection.params())
			.param("noticeId", noticeId)
			.param("bodyId", bodyId)
			.param("priority", emergency ? 0 : 1)
			.param("now", Sql.utc(now))
			.update();
	}

	/** count-selection: how many recipients a selection has, for the compose page. */
	public long count(RecipientSelection selection) {
		return jdbc.sql("SELECT COUNT(*) FROM (" + selection.sql() + ") s")
			.params(selection.params())
			.query(Long.class)
			.single();
	}

	/**
	 * claim: due rows (queued, retry due, or a lease that ran out), emergency first then
	 * oldest, locked so that other workers skip them, then marked as being sent under
	 * this worker's lease.
	 */
	@Transactional
	List<Claimed> claim(String worker, int limit, Instant now, Duration lease) {
		List<Claimed> claimed = jdbc.sql("""
				SELECT id, notice_id, registrant_id, attempts FROM delivery
				WHERE (status IN ('QUEUED', 'RETRYING') AND next_attempt_at <= :now)
				   OR (status = 'SENDING' AND lease_until < :now)
				ORDER BY priority, id
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""")
			.param("now", Sql.utc(now))
			.param("limit", limit)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("notice_id"), rs.getLong("registrant_id"),
					rs.getInt("attempts")))
			.list();
		if (claimed.isEmpty()) {
			return claimed;
		}
		List<Object[]> args = new ArrayList<>(claimed.size());
		Object until = Sql.utc(now.plus(lease));
		for (Claimed c : claimed) {
			args.add(new Object[] { until, worker, c.id() });
		}
		batch.batchUpdate("UPDATE delivery SET status = 'SENDING', lease_until = ?, claimed_by = ? WHERE id = ?", args);
		return claimed;
	}

	/** finish: writes the outcomes of a batch in one JDBC batch. */
	@Transactional
	void finish(List<Outcome> outcomes) {
		List<Object[]> args = new ArrayList<>(outcomes.size());
		for (Outcome o : outcomes) {
			args.add(new Object[] { o.status().name(), o.attempts(), Sql.utc(o.nextAttemptAt()), o.reply(),
					o.sentAt() == null ? null : Sql.utc(o.sentAt()), o.id() });
		}
		batch.batchUpdate("""
				UPDATE delivery SET status = ?, attempts = ?, next_attempt_at = ?,
				       last_reply = ?, sent_at = ?, lease_until = NULL
				WHERE id = ?
				""", args);
	}

	public Progress progress(long noticeId) {
		Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
		jdbc.sql("SELECT status, COUNT(*) AS n FROM delivery WHERE notice_id = :id GROUP BY status")
			.param("id", noticeId)
			.query((rs, n) -> counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return new Progress(counts);
	}

	/** The failed deliveries of a notice with the server's reply, for the notice page. */
	public List<Map<String, Object>> failures(long noticeId, int limit) {
		return jdbc.sql("""
				SELECT id, registrant_id, attempts, last_reply FROM delivery
				WHERE notice_id = :id AND status = 'FAILED' ORDER BY id LIMIT :limit
				""").param("id", noticeId).param("limit", limit).query().listOfRows();
	}

}
