package jp.renraku.confirmation;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Confirmations of receipt and answers: one receipt row per delivery, recorded once;
 * answers replaced as a whole while the notice takes them. Writes go through
 * {@link ReceiptWriter}.
 */
@Repository
class Receipts {

	/** One answer: a chosen choice, or the free text, of the question at a position. */
	record Answer(int position, String answer) {
	}

	/** What a recipient has sent so far, for the answer page. */
	record Sent(Instant confirmedAt, @Nullable Instant answeredAt, Map<Integer, List<String>> answers) {

		public boolean chose(int position, String option) {
			return answers.getOrDefault(position, List.of()).contains(option);
		}

		public String text(int position) {
			return String.join("", answers.getOrDefault(position, List.of()));
		}

	}

	/**
	 * A confirmation to write: the delivery, its notice, and the answers it carries
	 * (null: none).
	 */
	record Confirmation(long delivery, long notice, @Nullable List<Answer> answers) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	Receipts(JdbcClient jdbc, JdbcTemplate batches) {
		this.batches = batches;
		this.jdbc = jdbc;
	}

	/** The confirmation and answers of a delivery, if it was confirmed. */
	@Nullable Sent sent(long deliveryId) {
		Sent receipt = jdbc.sql("SELECT confirmed_at, answered_at FROM delivery_receipt WHERE delivery_id = :id")
			.param("id", deliveryId)
			.query((rs, n) -> new Sent(rs.getObject("confirmed_at", OffsetDateTime.class).toInstant(),
					Sql.instant(rs.getObject("answered_at", OffsetDateTime.class)), new LinkedHashMap<>()))
			.optional()
			.orElse(null);
		if (receipt != null && receipt.answeredAt() != null) {
			jdbc.sql("SELECT position, answer FROM receipt_answer WHERE delivery_id = :id ORDER BY position")
				.param("id", deliveryId)
				.query((rs, n) -> receipt.answers()
					.computeIfAbsent(rs.getInt("position"), k -> new ArrayList<>())
					.add(rs.getString("answer")))
				.list();
		}
		return receipt;
	}

	boolean confirmed(long deliveryId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_receipt WHERE delivery_id = :id")
			.param("id", deliveryId)
			.query(Long.class)
			.single() > 0;
	}

	long count(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_receipt WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	/**
	 * write-group: one group's confirmations in one batch (one already there stays as it
	 * was), then for those that carry answers the answered time and the answers in place
	 * of the earlier ones (the last answers of a delivery in the group win); returns, for
	 * each confirmation, whether it was the delivery's first.
	 */
	boolean[] write(List<Confirmation> group, Instant now) {
		int[] inserted = batches.batchUpdate("""
				INSERT INTO delivery_receipt (delivery_id, notice_id, confirmed_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING
				""", group, group.size(), (PreparedStatement statement, Confirmation confirmation) -> {
			statement.setLong(1, confirmation.delivery());
			statement.setLong(2, confirmation.notice());
			statement.setObject(3, Sql.utc(now));
		})[0];
		Map<Long, Confirmation> answering = new LinkedHashMap<>();
		for (Confirmation confirmation : group) {
			if (confirmation.answers() != null) {
				answering.put(confirmation.delivery(), confirmation);
			}
		}
		if (!answering.isEmpty()) {
			List<Long> answered = List.copyOf(answering.keySet());
			batches.batchUpdate("UPDATE delivery_receipt SET answered_at = ? WHERE delivery_id = ?", answered,
					answered.size(), (statement, delivery) -> {
						statement.setObject(1, Sql.utc(now));
						statement.setLong(2, delivery);
					});
			batches.batchUpdate("DELETE FROM receipt_answer WHERE delivery_id = ?", answered, answered.size(),
					(statement, delivery) -> statement.setLong(1, delivery));
			List<Object[]> rows = new ArrayList<>();
			for (Confirmation confirmation : answering.values()) {
				for (Answer answer : confirmation.answers()) {
					rows.add(new Object[] { confirmation.delivery(), confirmation.notice(), answer.position(),
							answer.answer() });
				}
			}
			if (!rows.isEmpty()) {
				batches.batchUpdate(
						"INSERT INTO receipt_answer (delivery_id, notice_id, position, answer) VALUES (?, ?, ?, ?)",
						rows);
			}
		}
		boolean[] first = new boolean[inserted.length];
		for (int i = 0; i < inserted.length; i++) {
			first[i] = inserted[i] > 0;
		}
		return first;
	}

}
