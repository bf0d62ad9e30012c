package jp.renraku.confirmation;

import java.time.Clock;

import jp.renraku.common.Sql;
import jp.renraku.delivery.ReceiptTarget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a recipient first opened a notice: by its opening image, or by opening one of its
 * files (a resident who opened the PDF has surely opened the mail). The first time only.
 */
@Component
class Openings {

	private final JdbcClient jdbc;

	private final Clock clock;

	Openings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** record-open */
	void record(ReceiptTarget target) {
		jdbc.sql("""
				INSERT INTO delivery_open (delivery_id, notice_id, opened_at) VALUES (:delivery, :notice, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("delivery", target.delivery().value())
			.param("notice", target.notice().value())
			.param("now", Sql.utc(clock.instant()))
			.update();
	}

}
