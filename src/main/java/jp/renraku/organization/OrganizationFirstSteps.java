package jp.renraku.organization;

import java.util.List;

import jp.renraku.common.FirstSteps;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first steps about bodies and permits (Art. 6): the administrator registers a body
 * and approves its usage application; the operations manager submits the application and
 * waits for the permit, without which no list takes registrations and nothing is sent.
 */
@Component
class OrganizationFirstSteps implements FirstSteps {

	private final JdbcClient jdbc;

	private final PermitManagement permits;

	OrganizationFirstSteps(JdbcClient jdbc, PermitManagement permits) {
		this.jdbc = jdbc;
		this.permits = permits;
	}

	@Override
	public List<Step> stepsFor(Staff staff) {
		if (staff.isSystemAdmin()) {
			return List.of(new Step(20, "home.step.body", "/admin/bodies/new", count("SELECT COUNT(*) FROM body") > 0),
					new Step(40, "home.step.approve", "/applications", count("SELECT COUNT(*) FROM usage_permit") > 0));
		}
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			return List.of();
		}
		long body = staff.requireBody();
		boolean permitted = permits.permitted(body);
		boolean submitted = permitted || jdbc
			.sql("SELECT COUNT(*) FROM usage_application WHERE body_id = :body AND state IN ('SUBMITTED', 'APPROVED')")
			.param("body", body)
			.query(Long.class)
			.single() > 0;
		return List.of(new Step(20, "home.step.apply", "/applications/new", submitted),
				new Step(30, "home.step.permit", "/applications", permitted));
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
