package jp.renraku.notice;

import java.time.Instant;

import jp.renraku.common.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Confirmations of receipt: one row per delivery, recorded once. */
@Repository
class Receipts {

	private final JdbcClient jdbc;

	Receipts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the confirmation; false if it was recorded before. */
	boolean confirm(long deliveryId, long noticeId, Instant now) {
		try {
			return jdbc
				.sql("""
						INSERT INTO delivery_receipt (delivery_id, notice_id, confirmed_at) VALUES (:delivery, :notice, :now)
						""")
				.param("delivery", deliveryId)
				.param("notice", noticeId)
				.param("now", Sql.utc(now))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
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
