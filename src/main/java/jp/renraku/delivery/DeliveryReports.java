package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jp.renraku.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the outbox tells about itself, read-only: a notice's progress and failures, the
 * bodies' load and waiting mail, what a delivery's links and bounces answer for, and what
 * each body sent in the last hour (for its hourly limit). The writes are
 * {@link DeliveryQueue}'s.
 */
@Repository
class DeliveryReports {

	private final JdbcClient jdbc;

	DeliveryReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * waiting: the body's mail not yet sent (queued, paused, waiting for a retry or its
	 * destination's pace), as held while the body is suspended.
	 */
	long waiting(long bodyId) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM delivery
				WHERE body_id = :body AND status IN ('QUEUED', 'RETRYING', 'DEFERRED', 'PAUSED')
				""").param("body", bodyId).query(Long.class).single();
	}

	/**
	 * receipt-target: the target of a delivery whose mail went out (or may have: sent, or
	 * in a batch being sent), for a confirmation link; empty for anything else. One
	 * statement: every press after a disaster asks it.
	 */
	Optional<ReceiptTarget> receiptTarget(long deliveryId) {
		return jdbc.sql("""
				SELECT COALESCE(o.notice_id, d.notice_id) AS notice_id, COALESCE(o.id, d.id) AS delivery_id,
				       d.registrant_id
				FROM delivery d LEFT JOIN delivery o ON o.id = d.origin_id
				WHERE d.id = :id AND d.status IN ('SENT', 'SENDING')
				""")
			.param("id", deliveryId)
			.query((rs, n) -> new ReceiptTarget(NoticeId.of(rs.getLong("notice_id")),
					DeliveryId.of(rs.getLong("delivery_id")), rs.getLong("registrant_id")))
			.optional();
	}

	/**
	 * receipt-targets: as {@link #receiptTarget(long)} for many deliveries in one
	 * statement (the confirmation writer resolves a whole group at once); deliveries
	 * without a target are missing from the map.
	 */
	Map<Long, ReceiptTarget> receiptTargets(Collection<Long> deliveryIds) {
		Map<Long, ReceiptTarget> targets = new HashMap<>();
		if (deliveryIds.isEmpty()) {
			return targets;
		}
		jdbc.sql("""
				SELECT d.id, COALESCE(o.notice_id, d.notice_id) AS notice_id, COALESCE(o.id, d.id) AS delivery_id,
				       d.registrant_id, d.status
				FROM delivery d LEFT JOIN delivery o ON o.id = d.origin_id
				WHERE d.id IN (:ids)
				""").param("ids", List.copyOf(deliveryIds)).query(rs -> {
			// the status is sorted out here, so that the primary key is the only index
			// the
			// lookup can take whatever the statistics say
			String status = rs.getString("status");
			if (!"SENT".equals(status) && !"SENDING".equals(status)) {
				return;
			}
			targets.put(rs.getLong("id"), new ReceiptTarget(NoticeId.of(rs.getLong("notice_id")),
					DeliveryId.of(rs.getLong("delivery_id")), rs.getLong("registrant_id")));
		});
		return targets;
	}

	/** delivered: who a delivery went to, for a bounce or reply about it. */
	Optional<Delivered> delivered(long deliveryId) {
		return jdbc.sql("SELECT notice_id, body_id, registrant_id FROM delivery WHERE id = :id")
			.param("id", deliveryId)
			.query((rs, n) -> new Delivered(DeliveryId.of(deliveryId), NoticeId.of(rs.getLong("notice_id")),
					rs.getLong("body_id"), rs.getLong("registrant_id")))
			.optional();
	}

	/**
	 * bounced: how many of a notice's deliveries bounced (hard or soft), by distinct
	 * delivery.
	 */
	long bounced(long noticeId) {
		return jdbc.sql("SELECT COUNT(DISTINCT delivery_id) FROM delivery_bounce WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	/** sent-since: messages each body had accepted by the relay since the given time. */
	Map<Long, Long> sentSince(Instant since) {
		Map<Long, Long> sent = new HashMap<>();
		jdbc.sql("SELECT body_id, COUNT(*) AS n FROM delivery WHERE sent_at > :since GROUP BY body_id")
			.param("since", Sql.utc(since))
			.query((rs, n) -> sent.put(rs.getLong("body_id"), rs.getLong("n")))
			.list();
		return sent;
	}

	/**
	 * load: waiting and sending rows of every body with mail in the queue, and its last
	 * hour.
	 */
	List<BodyLoad> load(Instant now) {
		Map<Long, Long> sent = sentSince(now.minus(Duration.ofHours(1)));
		Map<Long, long[]> open = new TreeMap<>();
		jdbc.sql("""
				SELECT body_id, status, COUNT(*) AS n FROM delivery
				WHERE status IN ('QUEUED', 'RETRYING', 'DEFERRED', 'PAUSED', 'SENDING') GROUP BY body_id, status
				""").query((rs, n) -> {
			long[] counts = open.computeIfAbsent(rs.getLong("body_id"), k -> new long[2]);
			counts["SENDING".equals(rs.getString("status")) ? 1 : 0] += rs.getLong("n");
			return counts;
		}).list();
		sent.keySet().forEach(body -> open.computeIfAbsent(body, k -> new long[2]));
		List<BodyLoad> load = new ArrayList<>();
		open.forEach((body, counts) -> load.add(new BodyLoad(body, counts[0], counts[1], sent.getOrDefault(body, 0L))));
		return load;
	}

	/**
	 * progress: a notice's messages sent in the last minute and its deliveries by status,
	 * with its bounces.
	 */
	DeliveryProgress progress(long noticeId, Instant now) {
		long lastMinute = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND sent_at > :since")
			.param("id", noticeId)
			.param("since", Sql.utc(now.minusSeconds(60)))
			.query(Long.class)
			.single();
		Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
		jdbc.sql("SELECT status, COUNT(*) AS n FROM delivery WHERE notice_id = :id GROUP BY status")
			.param("id", noticeId)
			.query((rs, n) -> counts.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return new DeliveryProgress(counts, lastMinute, now, bounced(noticeId));
	}

	/**
	 * failures: the failed deliveries of a notice with the server's reply, for the notice
	 * page.
	 */
	List<FailedDelivery> failures(long noticeId, int limit) {
		return jdbc.sql("""
				SELECT id, registrant_id, attempts, last_reply FROM delivery
				WHERE notice_id = :id AND status = 'FAILED' ORDER BY id LIMIT :limit
				""")
			.param("id", noticeId)
			.param("limit", limit)
			.query((rs, n) -> new FailedDelivery(DeliveryId.of(rs.getLong("id")), rs.getLong("registrant_id"),
					rs.getInt("attempts"), rs.getString("last_reply")))
			.list();
	}

}
