package jp.renraku.registration;

import java.util.ArrayList;
import java.util.List;

import jp.renraku.common.HomeTasks;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * Tells the operations manager on their home page why their lists take no registrations
 * (issue 16): no permit or a suspended body once for the body, a period not begun or
 * ended per list. A list closed on purpose is not a task.
 */
@Component
class ListClosureTasks implements HomeTasks {

	private final Lists lists;

	private final RegistrationWindow window;

	ListClosureTasks(Lists lists, RegistrationWindow window) {
		this.lists = lists;
		this.window = window;
	}

	@Override
	public List<Task> tasksFor(Staff staff) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			return List.of();
		}
		List<Task> tasks = new ArrayList<>();
		for (RegistrationList list : lists.ofBody(staff.requireBody())) {
			ListClosure why = window.why(list).orElse(null);
			if (why == ListClosure.NO_PERMIT || why == ListClosure.SUSPENDED) {
				// the body's reason closes every list: said once
				String key = "home.task.closure." + why;
				if (tasks.stream().noneMatch(t -> t.messageKey().equals(key))) {
					tasks.add(new Task(key, List.of(), why == ListClosure.NO_PERMIT ? "/applications" : "/lists"));
				}
			}
			else if (why == ListClosure.NOT_STARTED || why == ListClosure.ENDED) {
				tasks.add(new Task("home.task.closure." + why, List.of(list.name()), "/lists/" + list.id()));
			}
		}
		return tasks;
	}

}
