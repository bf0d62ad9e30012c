package jp.renraku.organization;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renraku.delivery.DeliveryManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Art. 3-2-3: the system administrator sees what every body has queued and sending, and
 * limits or pauses a body's sending. Emergency mail of any body always goes first.
 */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class QueueController {

	private final OrganizationManagement organization;

	private final DeliveryManagement delivery;

	private final Clock clock;

	QueueController(OrganizationManagement organization, DeliveryManagement delivery, Clock clock) {
		this.organization = organization;
		this.delivery = delivery;
		this.clock = clock;
	}

	@GetMapping("/admin/queue")
	String queue(Model model) {
		Map<Long, Body> bodies = organization.all().stream().collect(Collectors.toMap(Body::id, Function.identity()));
		model.addAttribute("bodies", bodies);
		model.addAttribute("load", delivery.load(clock.instant()));
		model.addAttribute("allBodies", organization.all());
		return "organization/queue";
	}

	@PostMapping("/admin/bodies/{bodyId}/sending")
	String controlSending(@PathVariable long bodyId, @RequestParam(required = false) @Nullable Integer hourlyLimit,
			@RequestParam(defaultValue = "false") boolean paused, RedirectAttributes redirect) {
		if (hourlyLimit != null && hourlyLimit < 1) {
			redirect.addFlashAttribute("flashError", "queue.error.limit");
			return "redirect:/admin/queue";
		}
		organization.controlSending(bodyId, hourlyLimit, paused);
		delivery.rulesChanged();
		redirect.addFlashAttribute("flashMessage", "queue.saved");
		return "redirect:/admin/queue";
	}

}
