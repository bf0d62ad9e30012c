package jp.renraku.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jp.renraku.common.Redacted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as the operators' gauges show it (issue 18): {@code renraku.outbox.messages}
 * by kind (notice, resident) and status, read from the database — which every node
 * shares, so each node shows the city's whole outbox — at most every 15 seconds however
 * often it is scraped. Only the statuses a message can still leave are counted (queued,
 * sending, retrying, deferred, paused): they are the queue, read from the claim index,
 * while the sent and failed rows are the history of every notice, a full scan of a table
 * of millions every 15 seconds on every node. Sent, failed and the rest are counted as
 * they happen instead ({@link DeliveryMeters}).
 */
@Component
class OutboxGauges {

	private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

	private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(15);

	private static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.QUEUED, DeliveryStatus.SENDING,
			DeliveryStatus.RETRYING, DeliveryStatus.DEFERRED, DeliveryStatus.PAUSED);

	private final JdbcClient jdbc;

	private Map<String, Long> counts = Map.of();

	private long readAt;

	private boolean read;

	OutboxGauges(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		for (String kind : List.of("notice", "resident")) {
			for (DeliveryStatus status : OPEN) {
				String key = kind + "/" + status.name();
				Gauge.builder("renraku.outbox.messages", this, gauges -> gauges.count(key))
					.description("Messages waiting or being sent, in the whole outbox")
					.tag("kind", kind)
					.tag("status", status.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
		}
	}

	/** The count of a kind and status; NaN while the database cannot be read. */
	synchronized double count(String key) {
		long now = System.nanoTime();
		if (!read || now - readAt > FRESH_NANOS) {
			readAt = now;
			read = true;
			counts = readCounts();
		}
		Long count = counts.get(key);
		return counts.isEmpty() ? Double.NaN : count == null ? 0 : count;
	}

	private Map<String, Long> readCounts() {
		Map<String, Long> read = new HashMap<>();
		try {
			// name: outbox-open-counts
			jdbc.sql("""
					SELECT status, COUNT(*) AS n FROM delivery
					WHERE status IN ('QUEUED', 'SENDING', 'RETRYING', 'DEFERRED', 'PAUSED') GROUP BY status
					""").query((rs, n) -> read.put("notice/" + rs.getString("status"), rs.getLong("n"))).list();
			// name: resident-mail-open-counts (failed rows are few and kept a week: not
			// counted)
			jdbc.sql("""
					SELECT status, COUNT(*) AS n FROM resident_mail
					WHERE status IN ('QUEUED', 'SENDING', 'RETRYING', 'DEFERRED') GROUP BY status
					""").query((rs, n) -> read.put("resident/" + rs.getString("status"), rs.getLong("n"))).list();
			// an empty outbox is zeros, not "unknown"
			read.putIfAbsent("notice/QUEUED", 0L);
			return read;
		}
		catch (DataAccessException ex) {
			log.debug("Outbox counts not read: {}", Redacted.of(ex));
			return Map.of();
		}
	}

}
