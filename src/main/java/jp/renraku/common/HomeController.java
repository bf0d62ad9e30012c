package jp.renraku.common;

import java.util.Comparator;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in: the first steps still to take, what waits for this
 * person, and what this role can do.
 */
@Controller
class HomeController {

	private final List<HomeTasks> tasks;

	private final List<FirstSteps> steps;

	HomeController(List<HomeTasks> tasks, List<FirstSteps> steps) {
		this.tasks = tasks;
		this.steps = steps;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("staff", staff);
		model.addAttribute("tasks", tasks.stream().flatMap(t -> t.tasksFor(staff).stream()).toList());
		List<FirstSteps.Step> path = steps.stream()
			.flatMap(s -> s.stepsFor(staff).stream())
			.sorted(Comparator.comparingInt(FirstSteps.Step::order))
			.toList();
		model.addAttribute("steps", path);
		model.addAttribute("stepsDone", path.stream().allMatch(FirstSteps.Step::done));
		model.addAttribute("nextStep", path.stream().filter(s -> !s.done()).findFirst().orElse(null));
		return "home";
	}

}
