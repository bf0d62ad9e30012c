package jp.renraku.account;

import java.util.ArrayList;
import java.util.List;

import jp.renraku.common.FirstSteps;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first steps that are about people: one's own e-mail address (the test send and
 * every notice about one's account go there), an operations manager designated for a body
 * (administrator), a sender appointed (operations manager).
 */
@Component
class AccountFirstSteps implements FirstSteps {

	private final JdbcClient jdbc;

	AccountFirstSteps(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Step> stepsFor(Staff staff) {
		List<Step> steps = new ArrayList<>();
		boolean email = jdbc
			.sql("SELECT COUNT(*) FROM staff_account WHERE id = :id AND email IS NOT NULL AND email <> ''")
			.param("id", staff.accountId())
			.query(Long.class)
			.single() > 0;
		steps.add(new Step(10, "home.step.ownEmail", "/account/profile", email));
		if (staff.isSystemAdmin()) {
			steps.add(new Step(30, "home.step.manager", "/admin/bodies", active(Role.OPERATIONS_MANAGER, null)));
		}
		else if (staff.role() == Role.OPERATIONS_MANAGER) {
			steps.add(new Step(70, "home.step.sender", "/staff/new-sender", active(Role.SENDER, staff.bodyId())));
		}
		return steps;
	}

	/** Whether an account of the role (in the body, when given) can sign in. */
	private boolean active(Role role, @Nullable Long bodyId) {
		var query = jdbc
			.sql("SELECT COUNT(*) FROM staff_account WHERE role = :role AND retired_at IS NULL"
					+ (bodyId == null ? "" : " AND body_id = :body"))
			.param("role", role.name());
		if (bodyId != null) {
			query = query.param("body", bodyId);
		}
		return query.query(Long.class).single() > 0;
	}

}
