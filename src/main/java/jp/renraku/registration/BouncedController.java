package jp.renraku.registration;

import jp.renraku.common.Staff;
import jp.renraku.mail.MailInSettings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operations manager's page of mail that came back (issues 6 and 15): addresses
 * stopped and why, residents whose own filter refuses the city's mail, the bounces by
 * reason; resume, "told the resident", and reading the kept bounces again (a dry run,
 * then applied). Another body's registrant answers 404.
 */
@Controller
@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
class BouncedController {

	private static final String REDIRECT = "redirect:/registrants/bounced";

	private final BounceFollowUp bounces;

	private final MailInSettings mailIn;

	BouncedController(BounceFollowUp bounces, MailInSettings mailIn) {
		this.bounces = bounces;
		this.mailIn = mailIn;
	}

	@GetMapping("/registrants/bounced")
	String overview(@AuthenticationPrincipal Staff staff, Model model) {
		BounceFollowUp.Overview overview = bounces.overview(staff);
		model.addAttribute("bounced", overview.stopped());
		model.addAttribute("filtered", overview.filtered());
		model.addAttribute("tally", overview.tally());
		model.addAttribute("tallyDays", BounceFollowUp.TALLY.toDays());
		// the soft limit as configured, not as the defaults read
		model.addAttribute("softLimit", mailIn.softBounceLimit());
		model.addAttribute("softWindowDays", mailIn.softBounceWindow().toDays());
		return "registration/bounced";
	}

	@PostMapping("/registrants/{registrantId}/resume-bounced")
	String resume(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, RedirectAttributes redirect) {
		bounces.resume(staff, registrantId);
		redirect.addFlashAttribute("flashMessage", "bounced.resumed");
		return REDIRECT;
	}

	@PostMapping("/registrants/{registrantId}/filter-guided")
	String guided(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, RedirectAttributes redirect) {
		bounces.dismissFiltered(staff, registrantId);
		redirect.addFlashAttribute("flashMessage", "bounced.filteredGuided");
		return REDIRECT;
	}

	/** The dry run: what reading the kept bounces again would change. */
	@GetMapping("/registrants/bounced/reread")
	String preview(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("rereading", bounces.reread(staff, false));
		return "registration/bounces-reread";
	}

	@PostMapping("/registrants/bounced/reread")
	String apply(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("rereading", bounces.reread(staff, true));
		return "registration/bounces-reread";
	}

}
