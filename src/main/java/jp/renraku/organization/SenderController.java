package jp.renraku.organization;

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
 * 差出人と問い合わせ先: the name residents see as the sender of the body's mail, its own From
 * address where the operator allows one, and where residents ask. An operations manager
 * sets it for their own body, the system administrator for any body.
 */
@Controller
class SenderController {

	private static final String VIEW = "organization/sender";

	private final SenderIdentities senders;

	private final OrganizationManagement organization;

	SenderController(SenderIdentities senders, OrganizationManagement organization) {
		this.senders = senders;
		this.organization = organization;
	}

	@GetMapping("/sender")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String initOwnForm(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("senderForm", senders.form(staff.requireBody()));
		return view(staff.requireBody(), "/sender", model);
	}

	@PostMapping("/sender")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String processOwnForm(@AuthenticationPrincipal Staff staff, @Valid SenderForm senderForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		return save(staff.requireBody(), "/sender", senderForm, result, model, redirect, "redirect:/sender");
	}

	@GetMapping("/admin/bodies/{bodyId}/sender")
	String initForm(@PathVariable long bodyId, Model model) {
		organization.get(bodyId);
		model.addAttribute("senderForm", senders.form(bodyId));
		return view(bodyId, "/admin/bodies/" + bodyId + "/sender", model);
	}

	@PostMapping("/admin/bodies/{bodyId}/sender")
	String processForm(@PathVariable long bodyId, @Valid SenderForm senderForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		organization.get(bodyId);
		return save(bodyId, "/admin/bodies/" + bodyId + "/sender", senderForm, result, model, redirect,
				"redirect:/admin/bodies/" + bodyId);
	}

	private String save(long bodyId, String action, SenderForm form, BindingResult result, Model model,
			RedirectAttributes redirect, String done) {
		if (!result.hasFieldErrors("fromAddress") && form.getFromAddress() != null && !form.getFromAddress().isBlank()
				&& !senders.allows(form.getFromAddress())) {
			result.rejectValue("fromAddress", "sender.error.fromDomain");
		}
		if (result.hasErrors()) {
			return view(bodyId, action, model);
		}
		senders.save(bodyId, form);
		redirect.addFlashAttribute("flashMessage", "sender.saved");
		return done;
	}

	private String view(long bodyId, String action, Model model) {
		model.addAttribute("body", organization.get(bodyId));
		model.addAttribute("sender", senders.sender(bodyId));
		model.addAttribute("ownFromAllowed", senders.ownFromAllowed());
		model.addAttribute("action", action);
		return VIEW;
	}

}
