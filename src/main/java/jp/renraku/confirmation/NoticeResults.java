package jp.renraku.confirmation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jp.renraku.common.Sql;
import jp.renraku.registration.RegistrantColumns;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The results of a notice (Art. 5-2): its sent mail joined with confirmations, answers
 * and the registrants' columns the registration module gives. Every query is of one
 * notice, whose body the caller has checked.
 */
@Repository
class NoticeResults {

	private final JdbcClient jdbc;

	NoticeResults(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Totals of the population every rate counts: sent, confirmed, answered and (as far
	 * as anyone can tell) opened, of the notice's sent deliveries whose registrant still
	 * exists; whoever confirmed counts as opened.
	 */
	Totals totals(long noticeId, RegistrantColumns columns) {
		return jdbc
			.sql("""
					SELECT COUNT(*) AS sent, COUNT(r.delivery_id) AS confirmed, COUNT(r.answered_at) AS answered,
					       COUNT(CASE WHEN r.delivery_id IS NOT NULL
					                    OR EXISTS (SELECT 1 FROM delivery_open o WHERE o.delivery_id = d.id) THEN 1 END) AS opened
					FROM delivery d JOIN (%s) g ON g.registrant_id = d.registrant_id
					LEFT JOIN delivery_receipt r ON r.delivery_id = d.id
					WHERE d.notice_id = :notice AND d.status = 'SENT'
					"""
				.formatted(columns.sql()))
			.params(columns.params())
			.param("notice", noticeId)
			.query((rs, n) -> new Totals(rs.getLong("sent"), rs.getLong("confirmed"), rs.getLong("answered"),
					rs.getLong("opened")))
			.single();
	}

	record Totals(long sent, long confirmed, long answered, long opened) {
	}

	/**
	 * Sent, confirmed and answered by the {@code label} column of the columns, over the
	 * same population as {@link #totals}.
	 */
	List<ResultGroup> breakdown(long noticeId, RegistrantColumns columns, String label) {
		return jdbc
			.sql("SELECT COALESCE(g." + label + ", '') AS label, COUNT(*) AS sent,"
					+ " COUNT(r.delivery_id) AS confirmed, COUNT(r.answered_at) AS answered" + " FROM delivery d JOIN ("
					+ columns.sql() + ") g ON g.registrant_id = d.registrant_id"
					+ " LEFT JOIN delivery_receipt r ON r.delivery_id = d.id"
					+ " WHERE d.notice_id = :notice AND d.status = 'SENT' GROUP BY COALESCE(g." + label + ", '')"
					+ " ORDER BY label")
			.params(columns.params())
			.param("notice", noticeId)
			.query((rs, n) -> new ResultGroup(rs.getString("label"), rs.getLong("sent"), rs.getLong("confirmed"),
					rs.getLong("answered")))
			.list();
	}

	/**
	 * How many chose each answer, by question position; of a free-text question, how many
	 * wrote something (under the empty answer).
	 */
	Map<Integer, Map<String, Long>> tallies(long noticeId, List<NoticeQuestion> questions) {
		Map<Integer, Map<String, Long>> tallies = new LinkedHashMap<>();
		Map<Integer, NoticeQuestion> byPosition = new HashMap<>();
		for (NoticeQuestion question : questions) {
			byPosition.put(question.position(), question);
			Map<String, Long> counts = new LinkedHashMap<>();
			question.options().forEach(option -> counts.put(option, 0L));
			if (!question.choice()) {
				counts.put("", 0L);
			}
			tallies.put(question.position(), counts);
		}
		jdbc.sql("""
				SELECT position, answer, COUNT(*) AS answers FROM receipt_answer WHERE notice_id = :notice
				GROUP BY position, answer
				""").param("notice", noticeId).query(rs -> {
			NoticeQuestion question = byPosition.get(rs.getInt("position"));
			if (question != null) {
				String key = question.choice() ? rs.getString("answer") : "";
				tallies.get(question.position()).merge(key, rs.getLong("answers"), Long::sum);
			}
		});
		return tallies;
	}

	/** A page of recipients, in the order the mail went. */
	List<ResultRecipient> recipients(long noticeId, RegistrantColumns columns, RecipientFilter show, int offset,
			int limit) {
		List<ResultRecipient> page = new ArrayList<>();
		query(noticeId, columns, show, " LIMIT " + limit + " OFFSET " + offset, page::add);
		return withAnswers(page);
	}

	long count(long noticeId, RegistrantColumns columns, RecipientFilter show) {
		return jdbc.sql("SELECT COUNT(*)" + from(columns, show))
			.params(columns.params())
			.param("notice", noticeId)
			.query(Long.class)
			.single();
	}

	/**
	 * Every recipient with answers, in pages of 1,000 read by key, for the CSV: 100,000
	 * recipients are never held at once.
	 */
	void each(long noticeId, RegistrantColumns columns, Consumer<ResultRecipient> action) {
		long after = 0;
		while (true) {
			List<ResultRecipient> page = new ArrayList<>();
			jdbc.sql(select() + from(columns, null) + " AND d.id > :after ORDER BY d.id LIMIT 1000")
				.params(columns.params())
				.param("notice", noticeId)
				.param("after", after)
				.query(rs -> {
					page.add(recipient(rs));
				});
			if (page.isEmpty()) {
				return;
			}
			withAnswers(page).forEach(action);
			after = page.get(page.size() - 1).deliveryId();
		}
	}

	private void query(long noticeId, RegistrantColumns columns, RecipientFilter show, String tail,
			Consumer<ResultRecipient> action) {
		jdbc.sql(select() + from(columns, show) + " ORDER BY d.id" + tail)
			.params(columns.params())
			.param("notice", noticeId)
			.query(rs -> {
				action.accept(recipient(rs));
			});
	}

	private static String select() {
		return "SELECT d.id AS delivery_id, g.name, g.email, g.list_name, g.affiliation, r.confirmed_at, r.answered_at";
	}

	private static String from(RegistrantColumns columns, @Nullable RecipientFilter show) {
		String which = show == null ? ""
				: show == RecipientFilter.PENDING ? " AND r.delivery_id IS NULL" : " AND r.delivery_id IS NOT NULL";
		return " FROM delivery d JOIN (" + columns.sql() + ") g ON g.registrant_id = d.registrant_id"
				+ " LEFT JOIN delivery_receipt r ON r.delivery_id = d.id"
				+ " WHERE d.notice_id = :notice AND d.status = 'SENT'" + which;
	}

	private static ResultRecipient recipient(ResultSet rs) throws SQLException {
		return new ResultRecipient(rs.getLong("delivery_id"), rs.getString("name"), rs.getString("email"),
				rs.getString("list_name"), rs.getString("affiliation"),
				Sql.instant(rs.getObject("confirmed_at", OffsetDateTime.class)),
				Sql.instant(rs.getObject("answered_at", OffsetDateTime.class)), new LinkedHashMap<>());
	}

	private List<ResultRecipient> withAnswers(List<ResultRecipient> page) {
		List<Long> answered = page.stream()
			.filter(r -> r.answeredAt() != null)
			.map(ResultRecipient::deliveryId)
			.toList();
		if (answered.isEmpty()) {
			return page;
		}
		Map<Long, ResultRecipient> byDelivery = new HashMap<>();
		page.forEach(recipient -> byDelivery.put(recipient.deliveryId(), recipient));
		jdbc.sql("SELECT delivery_id, position, answer FROM receipt_answer WHERE delivery_id IN (:ids)"
				+ " ORDER BY delivery_id, position")
			.param("ids", answered)
			.query(rs -> {
				byDelivery.get(rs.getLong("delivery_id"))
					.answers()
					.computeIfAbsent(rs.getInt("position"), k -> new ArrayList<>())
					.add(rs.getString("answer"));
			});
		return page;
	}

}
