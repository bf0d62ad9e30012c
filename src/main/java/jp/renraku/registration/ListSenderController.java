package jp.renraku.registration;

import jakarta.validation.Valid;
import jp.renraku.common.Staff;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A list's own sender: the name residents see (e.g. a school of the board of education),
 * the tag before every subject (【○○小学校】) and the contact; empty fields take the body's.
 */
@Controller
@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
class ListSenderController {

	private static final String VIEW = "registration/list-sender";

	private final RegistrationManagement registration;

	private final ListSenderSettings settings;

	ListSenderController(RegistrationManagement registration, ListSenderSettings settings) {
		this.registration = registration;
		this.settings = settings;
	}

	@GetMapping("/lists/{listId}/sender")
	String initForm(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Model model) {
		RegistrationList list = registration.list(staff, listId);
		model.addAttribute("listSenderForm", settings.form(staff, listId));
		return view(list, model);
	}

	@PostMapping("/lists/{listId}/sender")
	String processForm(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			@Valid ListSenderForm listSenderForm, BindingResult result, Model model, RedirectAttributes redirect) {
		RegistrationList list = registration.list(staff, listId);
		if (result.hasErrors()) {
			return view(list, model);
		}
		settings.save(staff, listId, listSenderForm);
		redirect.addFlashAttribute("flashMessage", "sender.saved");
		return "redirect:/lists/" + listId;
	}

	private String view(RegistrationList list, Model model) {
		model.addAttribute("list", list);
		model.addAttribute("sender", registration.sender(list));
		return VIEW;
	}

}
