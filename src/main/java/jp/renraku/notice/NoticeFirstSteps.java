package jp.renraku.notice;

import java.util.List;

import jp.renraku.common.FirstSteps;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The last first steps: a test send to oneself, then the first notice released. */
@Component
class NoticeFirstSteps implements FirstSteps {

	private final JdbcClient jdbc;

	NoticeFirstSteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Step> stepsFor(Staff staff) {
		if (staff.role() != Role.OPERATIONS_MANAGER && staff.role() != Role.SENDER) {
			return List.of();
		}
		long body = staff.requireBody();
		return List.of(
				new Step(80, "home.step.testSend", "/notices/new",
						exists("SELECT COUNT(*) FROM notice WHERE body_id = :body AND test_sent_at IS NOT NULL", body)),
				new Step(90, "home.step.firstNotice", "/notices",
						exists("SELECT COUNT(*) FROM notice WHERE body_id = :body AND state = 'RELEASED'", body)));
	}

	private boolean exists(String sql, long body) {
		return jdbc.sql(sql).param("body", body).query(Long.class).single() > 0;
	}

}
