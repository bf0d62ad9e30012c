package jp.renraku.common;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in: what this role can do.
 */
@Controller
class HomeController {

	private final List<HomeTasks> tasks;

	HomeController(List<HomeTasks> tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("staff", staff);
		model.addAttribute("tasks", tasks.stream().flatMap(t -> t.tasksFor(staff).stream()).toList());
		return "home";
	}

}
