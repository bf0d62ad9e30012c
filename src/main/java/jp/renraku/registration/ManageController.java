package jp.renraku.registration;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A registrant's own page, reached through the personal link in every mail: change items
 * and categories, or stop with one click. {@code POST .../unsubscribe} is the RFC 8058
 * one-click endpoint mail programs call; a GET there only shows the button, because link
 * checkers and previews open links.
 */
@Controller
@RequestMapping("/m/{token}")
class ManageController {

	private static final String VIEW_MANAGE = "registration/manage";

	private static final String VIEW_STOPPED = "registration/manage-stopped";

	private final RegistrationManagement registration;

	private final PersonalLinks links;

	private final ListIssuers issuers;

	ManageController(RegistrationManagement registration, PersonalLinks links, ListIssuers issuers) {
		this.registration = registration;
		this.links = links;
		this.issuers = issuers;
	}

	private Registrant registrant(String token) {
		return links.registrantOf(token)
			.flatMap(registration::registrantByLink)
			.orElseThrow(() -> new NotFoundException("registrant"));
	}

	@GetMapping
	String show(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		return view(registrant, RegistrantForm.of(registrant), token, model);
	}

	@PostMapping
	String update(@PathVariable String token, HttpServletRequest request, Model model) {
		Registrant registrant = registrant(token);
		RegistrationList list = registration.listOf(registrant);
		RegistrantForm form = RegistrantForm.read(request, list);
		if (form.hasErrors()) {
			return view(registrant, form, token, model);
		}
		registration.updateOwn(registrant, form.toDetails(list));
		model.addAttribute("flashMessage", "manage.updated");
		Registrant updated = registration.registrantByLink(registrant.id()).orElseThrow();
		return view(updated, RegistrantForm.of(updated), token, model);
	}

	@PostMapping("/stop")
	String stop(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		model.addAttribute("list", registration.listOf(registrant));
		registration.stop(registrant);
		return VIEW_STOPPED;
	}

	/** Asks for the link that resumes mail to an address that bounced. */
	@PostMapping("/resume-request")
	String requestResume(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		registration.requestResume(registrant, token);
		model.addAttribute("flashMessage", "manage.resumeSent");
		return view(registrant, RegistrantForm.of(registrant), token, model);
	}

	/** The link from that mail: a button, because mail scanners open links. */
	@GetMapping("/resume/{resume}")
	String confirmResume(@PathVariable String token, @PathVariable String resume, Model model) {
		Registrant registrant = registrant(token);
		model.addAttribute("list", registration.listOf(registrant));
		model.addAttribute("token", token);
		model.addAttribute("resume", resume);
		return "registration/manage-resume";
	}

	@PostMapping("/resume/{resume}")
	String resume(@PathVariable String token, @PathVariable String resume, Model model) {
		Registrant registrant = registrant(token);
		if (!registration.resume(registrant, resume)) {
			model.addAttribute("flashError", "manage.resumeInvalid");
		}
		else {
			model.addAttribute("flashMessage", "manage.resumed");
		}
		Registrant now = registration.registrantByLink(registrant.id()).orElseThrow();
		return view(now, RegistrantForm.of(now), token, model);
	}

	@GetMapping("/unsubscribe")
	String confirmUnsubscribe(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		model.addAttribute("list", registration.listOf(registrant));
		model.addAttribute("token", token);
		return "registration/manage-unsubscribe";
	}

	/**
	 * RFC 8058: the mail program posts {@code List-Unsubscribe=One-Click}; no session, no
	 * form.
	 */
	@PostMapping("/unsubscribe")
	@ResponseBody
	ResponseEntity<String> oneClick(@PathVariable String token) {
		registration.stop(registrant(token));
		return ResponseEntity.ok("stopped");
	}

	private String view(Registrant registrant, RegistrantForm form, String token, Model model) {
		RegistrationList list = registration.listOf(registrant);
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", list);
		model.addAttribute("issuer", issuers.of(list));
		model.addAttribute("form", form);
		model.addAttribute("token", token);
		return VIEW_MANAGE;
	}

}
