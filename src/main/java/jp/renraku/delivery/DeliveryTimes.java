package jp.renraku.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery time of each notice (issue 17): when it started, the figures computed from
 * its delivery rows, and the figures kept once they are all finished. Percentiles are
 * computed by the database ({@code PERCENTILE_DISC}, the same on H2 and PostgreSQL) over
 * the notice's sent rows, so 100,000 messages are one aggregate, not 100,000 rows in
 * Java.
 */
@Repository
class DeliveryTimes {

	/** Where a notice's timing stands. */
	record Timing(Instant startedAt, @Nullable Instant keptAt) {
	}

	/** The figures for the whole notice and by destination group. */
	record Figures(@Nullable DeliveryTime all, List<DeliveryTime> destinations) {
	}

	/** Named groups by name, then the addresses in none. */
	private static final Comparator<DeliveryTime> BY_DESTINATION = Comparator.comparing(DeliveryTime::destination,
			Comparator.nullsLast(Comparator.naturalOrder()));

	private final JdbcClient jdbc;

	DeliveryTimes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * started: the notice's mail was queued now; its times count from here. A second call
	 * for the same notice changes nothing.
	 */
	void started(long noticeId, long bodyId, Instant at) {
		jdbc.sql("""
				INSERT INTO delivery_timing (notice_id, body_id, started_at)
				SELECT :notice, :body, :at WHERE NOT EXISTS (SELECT 1 FROM delivery_timing WHERE notice_id = :notice)
				""").param("notice", noticeId).param("body", bodyId).param("at", Sql.utc(at)).update();
	}

	/** timing: when the notice's mail started and whether its figures are kept. */
	Optional<Timing> timing(long noticeId) {
		return jdbc.sql("SELECT started_at, kept_at FROM delivery_timing WHERE notice_id = :notice")
			.param("notice", noticeId)
			.query((rs, n) -> new Timing(rs.getObject("started_at", OffsetDateTime.class).toInstant(),
					Sql.instant(rs.getObject("kept_at", OffsetDateTime.class))))
			.optional();
	}

	/**
	 * open: notices whose figures are not kept yet (those being sent, paused or held:
	 * few).
	 */
	List<Long> open() {
		return jdbc.sql("SELECT notice_id FROM delivery_timing WHERE kept_at IS NULL ORDER BY notice_id")
			.query(Long.class)
			.list();
	}

	/**
	 * unfinished: whether any of the notice's deliveries may still be sent (waiting,
	 * paused, being sent).
	 */
	boolean unfinished(long noticeId) {
		return !jdbc.sql("""
				SELECT id FROM delivery
				WHERE notice_id = :notice AND status IN ('QUEUED', 'SENDING', 'RETRYING', 'DEFERRED', 'PAUSED')
				LIMIT 1
				""").param("notice", noticeId).query(Long.class).list().isEmpty();
	}

	/**
	 * claim-keeping: marks the notice's figures as kept, if nobody did; the caller writes
	 * them in the same transaction. Of two nodes, one wins.
	 */
	boolean claim(long noticeId, Instant now) {
		return jdbc.sql("UPDATE delivery_timing SET kept_at = :now WHERE notice_id = :notice AND kept_at IS NULL")
			.param("now", Sql.utc(now))
			.param("notice", noticeId)
			.update() == 1;
	}

	/**
	 * reopen: mail of the notice is being sent again (failed messages retried): its
	 * figures are computed again until it is finished once more.
	 */
	void reopen(long noticeId) {
		jdbc.sql("UPDATE delivery_timing SET kept_at = NULL WHERE notice_id = :notice")
			.param("notice", noticeId)
			.update();
	}

	/** measure: the figures now, from the notice's sent delivery rows. */
	Figures measure(long noticeId, Instant startedAt) {
		String figures = """
				COUNT(*) AS messages, PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY sent_at) AS p50_at,
				PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY sent_at) AS p95_at, MAX(sent_at) AS last_at
				FROM delivery WHERE notice_id = :notice AND status = 'SENT' AND sent_at IS NOT NULL
				""";
		List<DeliveryTime> all = jdbc.sql("SELECT " + figures)
			.param("notice", noticeId)
			.query((rs, n) -> measured(rs, null, startedAt))
			.list();
		List<DeliveryTime> destinations = jdbc.sql("SELECT route, " + figures + " GROUP BY route")
			.param("notice", noticeId)
			.query((rs, n) -> measured(rs, rs.getString("route"), startedAt))
			.list();
		DeliveryTime whole = all.isEmpty() || all.get(0).messages() == 0 ? null : all.get(0);
		return new Figures(whole, destinations.stream().sorted(BY_DESTINATION).toList());
	}

	private static DeliveryTime measured(ResultSet rs, @Nullable String destination, Instant startedAt)
			throws SQLException {
		long messages = rs.getLong("messages");
		if (messages == 0) {
			return new DeliveryTime(destination, 0, 0, 0, 0);
		}
		return new DeliveryTime(destination, messages, since(startedAt, rs, "p50_at"), since(startedAt, rs, "p95_at"),
				since(startedAt, rs, "last_at"));
	}

	private static long since(Instant startedAt, ResultSet rs, String column) throws SQLException {
		return Duration.between(startedAt, rs.getObject(column, OffsetDateTime.class).toInstant()).toMillis();
	}

	/** keep: stores the figures of a notice claimed with {@link #claim}. */
	void keep(long noticeId, Figures figures) {
		DeliveryTime all = figures.all();
		jdbc.sql("""
				UPDATE delivery_timing SET messages = :messages, p50_ms = :p50, p95_ms = :p95, last_ms = :last
				WHERE notice_id = :notice
				""")
			.param("messages", all == null ? null : all.messages(), Types.INTEGER)
			.param("p50", all == null ? null : all.p50Millis(), Types.BIGINT)
			.param("p95", all == null ? null : all.p95Millis(), Types.BIGINT)
			.param("last", all == null ? null : all.lastMillis(), Types.BIGINT)
			.param("notice", noticeId)
			.update();
		jdbc.sql("DELETE FROM delivery_time WHERE notice_id = :notice").param("notice", noticeId).update();
		for (DeliveryTime time : figures.destinations()) {
			jdbc.sql("""
					INSERT INTO delivery_time (notice_id, route, messages, p50_ms, p95_ms, last_ms)
					VALUES (:notice, :route, :messages, :p50, :p95, :last)
					""")
				.param("notice", noticeId)
				.param("route", time.destination(), Types.VARCHAR)
				.param("messages", time.messages())
				.param("p50", time.p50Millis())
				.param("p95", time.p95Millis())
				.param("last", time.lastMillis())
				.update();
		}
	}

	/** kept: the stored figures of a notice. */
	Figures kept(long noticeId) {
		List<DeliveryTime> all = jdbc
			.sql("SELECT messages, p50_ms, p95_ms, last_ms FROM delivery_timing WHERE notice_id = :notice "
					+ "AND messages IS NOT NULL")
			.param("notice", noticeId)
			.query((rs, n) -> stored(rs, null))
			.list();
		List<DeliveryTime> destinations = jdbc
			.sql("SELECT route, messages, p50_ms, p95_ms, last_ms FROM delivery_time WHERE notice_id = :notice")
			.param("notice", noticeId)
			.query((rs, n) -> stored(rs, rs.getString("route")))
			.list();
		return new Figures(all.isEmpty() ? null : all.get(0), destinations.stream().sorted(BY_DESTINATION).toList());
	}

	private static DeliveryTime stored(ResultSet rs, @Nullable String destination) throws SQLException {
		return new DeliveryTime(destination, rs.getLong("messages"), rs.getLong("p50_ms"), rs.getLong("p95_ms"),
				rs.getLong("last_ms"));
	}

}
