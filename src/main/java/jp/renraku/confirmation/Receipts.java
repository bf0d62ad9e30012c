package jp.renraku.confirmation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
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

	private final JdbcClient jdbc;

	Receipts(JdbcClient jdbc) {
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

}
