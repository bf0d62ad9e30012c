package jp.renraku.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renraku.common.Language;
import jp.renraku.common.Sql;
import jp.renraku.common.TableStatistics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a release's recipients into the delivery queue ({@link DeliveryQueue} claims and
 * records them): one row per recipient in one statement, with the version of the notice
 * each gets, and the counts the compose page shows.
 */
@Repository
class RecipientQueue {

	private final JdbcClient jdbc;

	private final TableStatistics statistics;

	RecipientQueue(JdbcClient jdbc, TableStatistics statistics) {
		this.jdbc = jdbc;
		this.statistics = statistics;
	}

	/**
	 * The version of the notice a recipient whose language is in {@code column} gets: the
	 * one in their language, else the easy Japanese one (for anyone who does not read
	 * Japanese), else the Japanese. {@code :versions} are the codes of the versions the
	 * notice has.
	 */
	private static String version(String column) {
		return "CASE WHEN " + column + " IN (:versions) THEN " + column + " WHEN " + column
				+ " <> 'ja' AND 'ja-easy' IN (:versions) THEN 'ja-easy' ELSE 'ja' END";
	}

	private static List<String> codes(Set<Language> versions) {
		List<String> codes = new ArrayList<>(List.of(Language.JA.code()));
		versions.forEach(v -> codes.add(v.code()));
		return codes;
	}

	/**
	 * enqueue: one row per recipient of the selection, in one statement, each with the
	 * version of the notice it gets (issue 19: decided here for all, not per recipient in
	 * Java). Emergency notices get priority 0 and go before every routine one.
	 */
	@Transactional
	long enqueue(long noticeId, long bodyId, boolean emergency, RecipientSelection selection, Set<Language> versions,
			Instant now) {
		long queued = jdbc
			.sql("INSERT INTO delivery (notice_id, body_id, registrant_id, priority, status, attempts, "
					+ "next_attempt_at, created_at, language) SELECT :noticeId, :bodyId, s.registrant_id, :priority, "
					+ "'QUEUED', 0, :now, :now, " + version("s.language") + " FROM (" + selection.sql() + ") s")
			.params(selection.params())
			.param("versions", codes(versions))
			.param("noticeId", noticeId)
			.param("bodyId", bodyId)
			.param("priority", emergency ? 0 : 1)
			.param("now", Sql.utc(now))
			.update();
		statistics.changed("delivery", queued);
		return queued;
	}

	/**
	 * count-versions: how many recipients of a selection would get each version of a
	 * notice that has these, for the compose page.
	 */
	Map<Language, Long> countByVersion(RecipientSelection selection, Set<Language> versions) {
		Map<Language, Long> counts = new EnumMap<>(Language.class);
		jdbc.sql("SELECT v.version, COUNT(*) AS n FROM (SELECT " + version("s.language") + " AS version FROM ("
				+ selection.sql() + ") s) v GROUP BY v.version")
			.params(selection.params())
			.param("versions", codes(versions))
			.query((rs, n) -> counts.put(Language.stored(rs.getString("version")), rs.getLong("n")))
			.list();
		return counts;
	}

	/** count-selection: how many recipients a selection has, for the compose page. */
	long count(RecipientSelection selection) {
		return jdbc.sql("SELECT COUNT(*) FROM (" + selection.sql() + ") s")
			.params(selection.params())
			.query(Long.class)
			.single();
	}

	/**
	 * enqueue-follow-up: one row for each delivery of the origin notice whose mail went
	 * out and that {@code pending} (an SQL condition on that delivery, {@code d}, written
	 * by the module that knows what was answered) keeps; each row points at its origin
	 * delivery. Returns how many.
	 */
	@Transactional
	long enqueueFollowUp(long noticeId, long bodyId, boolean emergency, long originNoticeId, DeliveryFilter pending,
			Set<Language> versions, Instant now) {
		// the version of the follow-up in the language of the origin's version
		long queued = jdbc
			.sql("INSERT INTO delivery (notice_id, body_id, registrant_id, priority, status, attempts, "
					+ "next_attempt_at, created_at, origin_id, language) SELECT :noticeId, :bodyId, d.registrant_id, "
					+ ":priority, 'QUEUED', 0, :now, :now, d.id, " + version("d.language")
					+ " FROM delivery d WHERE d.notice_id = :origin AND d.status = 'SENT' AND " + pending.condition())
			.param("versions", codes(versions))
			.param("noticeId", noticeId)
			.param("bodyId", bodyId)
			.param("priority", emergency ? 0 : 1)
			.param("origin", originNoticeId)
			.param("now", Sql.utc(now))
			.update();
		statistics.changed("delivery", queued);
		return queued;
	}

	/** count-follow-up: how many {@link #enqueueFollowUp} would queue now. */
	long countFollowUp(long originNoticeId, DeliveryFilter pending) {
		return jdbc
			.sql("SELECT COUNT(*) FROM delivery d WHERE d.notice_id = :origin AND d.status = 'SENT' AND "
					+ pending.condition())
			.param("origin", originNoticeId)
			.query(Long.class)
			.single();
	}

}
