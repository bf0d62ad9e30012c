package jp.renraku.registration;

import java.util.List;

import jp.renraku.common.FirstSteps;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operations manager's first steps about lists (Art. 7): a list created, taking
 * registrations (permit, open, in its period), its first registrant.
 */
@Component
class RegistrationFirstSteps implements FirstSteps {

	private final Lists lists;

	private final RegistrationWindow window;

	private final JdbcClient jdbc;

	RegistrationFirstSteps(Lists lists, RegistrationWindow window, JdbcClient jdbc) {
		this.lists = lists;
		this.window = window;
		this.jdbc = jdbc;
	}

	@Override
	public List<Step> stepsFor(Staff staff) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			return List.of();
		}
		List<RegistrationList> own = lists.ofBody(staff.requireBody())
			.stream()
			.filter(list -> list.erasedAt() == null)
			.toList();
		boolean open = own.stream().anyMatch(window::open);
		boolean registrant = jdbc.sql("SELECT COUNT(*) FROM registrant WHERE body_id = :body AND state = 'ACTIVE'")
			.param("body", staff.requireBody())
			.query(Long.class)
			.single() > 0;
		String first = own.isEmpty() ? "/lists" : "/lists/" + own.get(0).id();
		return List.of(new Step(40, "home.step.list", "/lists/new", !own.isEmpty()),
				new Step(50, "home.step.open", first, open),
				new Step(60, "home.step.registrant", own.isEmpty() ? "/lists" : first + "/guide", registrant));
	}

}
