package jp.renraku.registration;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.Language;
import jp.renraku.common.ClientAddress;
import jp.renraku.common.EmailAddresses;
import jp.renraku.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a resident sees: the list's rules, the registration password and their
 * address; then, from the link in the confirmation mail, the form with exactly the list's
 * items.
 */
@Controller
@RequestMapping("/r/{token}")
class PublicRegistrationController {

	private static final String VIEW_START = "registration/public-start";

	private static final String VIEW_SENT = "registration/public-sent";

	private static final String VIEW_FORM = "registration/public-form";

	private static final String VIEW_DONE = "registration/public-done";

	private static final String VIEW_CLOSED = "registration/public-closed";

	private static final String VIEW_LINK_INVALID = "registration/public-link-invalid";

	private final RegistrationManagement registration;

	private final RegistrationAttempts attempts;

	private final RegistrationWindow window;

	private final PasswordGuessingAlert guessing;

	private final ListIssuers issuers;

	PublicRegistrationController(RegistrationManagement registration, RegistrationAttempts attempts,
			RegistrationWindow window, PasswordGuessingAlert guessing, ListIssuers issuers) {
		this.registration = registration;
		this.attempts = attempts;
		this.window = window;
		this.guessing = guessing;
		this.issuers = issuers;
	}

	private RegistrationList list(String token) {
		return registration.listByToken(token).orElseThrow(() -> new NotFoundException("list"));
	}

	/** The list and who runs it, for every page of the flow. */
	private void show(RegistrationList list, Model model) {
		model.addAttribute("list", list);
		model.addAttribute("issuer", issuers.of(list));
	}

	/**
	 * The closed page when the list does not accept registrations today or its body is
	 * suspended (Art. 6-3: registration paused), else empty.
	 */
	private Optional<String> closed(RegistrationList list, Model model) {
		if (window.open(list)) {
			return Optional.empty();
		}
		show(list, model);
		ListClosure why = window.why(list).orElse(ListClosure.CLOSED);
		model.addAttribute("paused", why == ListClosure.SUSPENDED);
		model.addAttribute("closure", why);
		return Optional.of(VIEW_CLOSED);
	}

	@GetMapping
	String start(@PathVariable String token, Model model) {
		RegistrationList list = list(token);
		return closed(list, model).orElseGet(() -> {
			show(list, model);
			model.addAttribute("email", "");
			return VIEW_START;
		});
	}

	@PostMapping
	String requestConfirmation(@PathVariable String token, @RequestParam(required = false) @Nullable String password,
			@RequestParam(required = false) @Nullable String agree,
			@RequestParam(required = false) @Nullable String email, HttpServletRequest request, Locale locale,
			Model model) {
		RegistrationList list = list(token);
		Optional<String> closed = closed(list, model);
		if (closed.isPresent()) {
			return closed.get();
		}
		show(list, model);
		model.addAttribute("email", email == null ? "" : email);
		String client = ClientAddress.of(request);
		if (!attempts.allowed(list.id(), client)) {
			model.addAttribute("throttled", true);
			return VIEW_START;
		}
		boolean error = !passwordAndAgreement(list, password, agree, client, model);
		Optional<String> address = email == null ? Optional.empty() : EmailAddresses.normalize(email);
		if (email == null || email.isBlank()) {
			model.addAttribute("emailError", "validation.required");
			error = true;
		}
		else if (address.isEmpty()) {
			model.addAttribute("emailError", "validation.email");
			error = true;
		}
		if (error) {
			return VIEW_START;
		}
		model.addAttribute("email", address.get());
		if (!attempts.mailAllowed(client) || !registration.requestSignup(list, address.get(), Language.of(locale))) {
			// several mails went to this address (or from this client) within the hour:
			// the same page whether or not the address is registered
			model.addAttribute("mailLimited", true);
		}
		return VIEW_SENT;
	}

	/**
	 * The list and the confirmation behind a personal link, or the page that says why
	 * there is none ({@code refusal}: registration closed, link invalid or used).
	 */
	private record Linked(RegistrationList list, SignupRequests.@Nullable SignupRequest request,
			@Nullable String refusal) {
	}

	private Linked linked(String token, @Nullable String link, Model model) {
		RegistrationList list = list(token);
		Optional<String> closed = closed(list, model);
		if (closed.isPresent()) {
			return new Linked(list, null, closed.get());
		}
		show(list, model);
		return (link == null ? Optional.<SignupRequests.SignupRequest>empty() : registration.confirmation(list, link))
			.map(request -> new Linked(list, request, null))
			.orElseGet(() -> new Linked(list, null, VIEW_LINK_INVALID));
	}

	/**
	 * The link answering an empty mail (空メール登録): the address is known; the registration
	 * password and the agreement to the rules come first, as on the start page, then the
	 * usual form.
	 */
	@GetMapping("/mail")
	String mailLink(@PathVariable String token, @RequestParam(name = "t", required = false) @Nullable String link,
			Model model) {
		Linked linked = linked(token, link, model);
		if (linked.refusal() != null) {
			return linked.refusal();
		}
		SignupRequests.SignupRequest confirmation = linked.request();
		if (confirmation.passwordChecked()) {
			return "redirect:/r/" + token + "/confirm?t=" + link;
		}
		model.addAttribute("email", confirmation.email());
		model.addAttribute("link", link);
		return VIEW_START;
	}

	@PostMapping("/mail")
	String mailPassword(@PathVariable String token, @RequestParam(name = "t", required = false) @Nullable String link,
			@RequestParam(required = false) @Nullable String password,
			@RequestParam(required = false) @Nullable String agree, HttpServletRequest request, Model model) {
		Linked linked = linked(token, link, model);
		if (linked.refusal() != null) {
			return linked.refusal();
		}
		RegistrationList list = linked.list();
		SignupRequests.SignupRequest confirmation = linked.request();
		model.addAttribute("email", confirmation.email());
		model.addAttribute("link", link);
		String client = ClientAddress.of(request);
		if (!attempts.allowed(list.id(), client)) {
			model.addAttribute("throttled", true);
			return VIEW_START;
		}
		boolean error = !passwordAndAgreement(list, password, agree, client, model);
		if (error) {
			return VIEW_START;
		}
		registration.passwordChecked(confirmation);
		return "redirect:/r/" + token + "/confirm?t=" + link;
	}

	/**
	 * Checks the registration password (a wrong one counts against the client) and the
	 * agreement to the rules, putting what is wrong on the page; true if both are given.
	 */
	private boolean passwordAndAgreement(RegistrationList list, @Nullable String password, @Nullable String agree,
			String client, Model model) {
		// what was typed and ticked stays on the page
		model.addAttribute("password", password == null ? "" : password);
		model.addAttribute("agreed", agree != null);
		boolean fine = true;
		if (password == null || password.isBlank()) {
			model.addAttribute("passwordError", "validation.required");
			fine = false;
		}
		else if (!SelfRegistration.passwordMatches(list, password)) {
			if (attempts.failed(list.id(), client)) {
				guessing.guessed(list);
			}
			model.addAttribute("passwordError", "public.error.password");
			fine = false;
		}
		if (agree == null) {
			model.addAttribute("agreeError", "public.error.agree");
			fine = false;
		}
		return fine;
	}

	@GetMapping("/confirm")
	String form(@PathVariable String token, @RequestParam(name = "t", required = false) @Nullable String link,
			Model model) {
		Linked linked = linked(token, link, model);
		if (linked.refusal() != null) {
			return linked.refusal();
		}
		SignupRequests.SignupRequest confirmation = linked.request();
		if (!confirmation.passwordChecked()) {
			return "redirect:/r/" + token + "/mail?t=" + link;
		}
		model.addAttribute("email", confirmation.email());
		model.addAttribute("link", link);
		model.addAttribute("form", new RegistrantForm());
		return VIEW_FORM;
	}

	@PostMapping("/confirm")
	String register(@PathVariable String token, @RequestParam(name = "t", required = false) @Nullable String link,
			HttpServletRequest request, Locale locale, Model model) {
		Linked linked = linked(token, link, model);
		if (linked.refusal() != null) {
			return linked.refusal();
		}
		if (!linked.request().passwordChecked()) {
			return VIEW_LINK_INVALID;
		}
		RegistrationList list = linked.list();
		SignupRequests.SignupRequest confirmation = linked.request();
		RegistrantForm form = RegistrantForm.read(request, list);
		if (form.hasErrors()) {
			model.addAttribute("email", confirmation.email());
			model.addAttribute("link", link);
			model.addAttribute("form", form);
			return VIEW_FORM;
		}
		Optional<RegistrantState> state = registration.register(list, confirmation, form.toDetails(list),
				Language.of(locale));
		if (state.isEmpty()) {
			return VIEW_LINK_INVALID;
		}
		model.addAttribute("pending", state.get() == RegistrantState.PENDING);
		return VIEW_DONE;
	}

}
