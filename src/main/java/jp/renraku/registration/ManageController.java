package jp.renraku.registration;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A registrant's own page, reached through the personal link in every mail: change items
 * and categories, or stop. Stopping asks once more on a page of its own that says what is
 * erased ({@code GET .../stop}, also where the mail's {@code List-Unsubscribe} link leads
 * in a browser); {@code POST .../unsubscribe} is the RFC 8058 one-click endpoint mail
 * programs call, answered alike when the person has stopped already. Once the person has
 * stopped or been erased, every page of the link answers that mail has stopped (410),
 * with the list's registration page while it takes registrations, never a 404.
 */
@Controller
@RequestMapping("/m/{token}")
class ManageController {

	private static final String VIEW_MANAGE = "registration/manage";

	private static final String VIEW_CONFIRM_STOP = "registration/manage-stop";

	static final String VIEW_STOPPED = "registration/manage-stopped";

	private final RegistrationManagement registration;

	private final PersonalLinks links;

	private final ListIssuers issuers;

	private final LocaleResolver locales;

	ManageController(RegistrationManagement registration, PersonalLinks links, ListIssuers issuers,
			LocaleResolver locales) {
		this.locales = locales;
		this.registration = registration;
		this.links = links;
		this.issuers = issuers;
	}

	/** The link's registrant; a genuine link of someone gone ends on the stopped page. */
	private Registrant registrant(String token) {
		return links.registrantOf(token).flatMap(registration::registrantByLink).orElseThrow(() -> {
			EndedRegistration ended = links.signed(token).flatMap(registration::ended).orElse(null);
			return ended == null ? new NotFoundException("registrant") : new RegistrationEnded(ended);
		});
	}

	/** A genuine personal link whose registrant stopped or was erased. */
	static final class RegistrationEnded extends RuntimeException {

		private final transient EndedRegistration ended;

		RegistrationEnded(EndedRegistration ended) {
			super("registration ended", null, false, false);
			this.ended = ended;
		}

	}

	@ExceptionHandler(RegistrationEnded.class)
	String ended(RegistrationEnded ex, Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("ended", ex.ended);
		return VIEW_STOPPED;
	}

	/**
	 * The personal page, in the language the registrant chose, unless they just picked
	 * another with the switch ({@code ?lang=}) to look.
	 */
	@GetMapping
	String show(@PathVariable String token, @RequestParam(required = false) @Nullable String lang,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Registrant registrant = registrant(token);
		if (lang == null) {
			locales.setLocale(request, response, registrant.language().locale());
		}
		return view(registrant, RegistrantForm.of(registrant), token, model);
	}

	/** The language of every later mail and page to the registrant. */
	@PostMapping("/language")
	String language(@PathVariable String token, @RequestParam(required = false) @Nullable String language,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Registrant registrant = registrant(token);
		Optional<Language> chosen = language == null ? Optional.empty() : Language.ofCode(language);
		if (chosen.isEmpty()) {
			model.addAttribute("languageError", "registrant.error.choice");
			return view(registrant, RegistrantForm.of(registrant), token, model);
		}
		registration.setLanguage(registrant, chosen.get());
		locales.setLocale(request, response, chosen.get().locale());
		model.addAttribute("flashMessage", "manage.languageSaved");
		Registrant updated = registration.registrantByLink(registrant.id()).orElseThrow();
		return view(updated, RegistrantForm.of(updated), token, model);
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

	/**
	 * Asks once more, saying what is erased; a GET, so link checkers and previews that
	 * open it stop nothing.
	 */
	@GetMapping({ "/stop", "/unsubscribe" })
	String confirmStop(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", registration.listOf(registrant));
		model.addAttribute("token", token);
		return VIEW_CONFIRM_STOP;
	}

	@PostMapping("/stop")
	String stop(@PathVariable String token, Model model) {
		Registrant registrant = registrant(token);
		registration.stop(registrant);
		model.addAttribute("ended", registration.ended(registrant.id()).orElseThrow());
		model.addAttribute("justStopped", true);
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

	/**
	 * RFC 8058: the mail program posts {@code List-Unsubscribe=One-Click}; no session, no
	 * form. Posting it again after the person has stopped answers the same.
	 */
	@PostMapping("/unsubscribe")
	@ResponseBody
	ResponseEntity<String> oneClick(@PathVariable String token) {
		try {
			registration.stop(registrant(token));
		}
		catch (RegistrationEnded ex) {
			// stopped already: the mail program's request is done
		}
		return ResponseEntity.ok("stopped");
	}

	private String view(Registrant registrant, RegistrantForm form, String token, Model model) {
		RegistrationList list = registration.listOf(registrant);
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", list);
		model.addAttribute("issuer", issuers.of(list));
		model.addAttribute("form", form);
		model.addAttribute("token", token);
		model.addAttribute("languages", Language.values());
		return VIEW_MANAGE;
	}

}
