package jp.renraku.organization;

import jakarta.validation.Valid;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The system administrator's pages for bodies (Art. 3, 6-3).
 */
@Controller
@RequestMapping("/admin/bodies")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class BodyController {

	private static final String VIEW_LIST = "organization/list";

	private static final String VIEW_FORM = "organization/form";

	private static final String VIEW_DETAIL = "organization/detail";

	private final OrganizationManagement organization;

	BodyController(OrganizationManagement organization) {
		this.organization = organization;
	}

	@ModelAttribute("kinds")
	BodyKind[] kinds() {
		return BodyKind.values();
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("bodies", organization.all());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		model.addAttribute("bodyForm", new BodyForm());
		return VIEW_FORM;
	}

	@PostMapping("/new")
	String processCreationForm(@Valid BodyForm bodyForm, BindingResult result, RedirectAttributes redirect) {
		rejectTakenName(bodyForm, 0, result);
		if (result.hasErrors()) {
			return VIEW_FORM;
		}
		long id;
		try {
			id = organization.create(bodyForm.getName(), bodyForm.getKind());
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "body.error.nameTaken");
			return VIEW_FORM;
		}
		redirect.addFlashAttribute("flashMessage", "body.created");
		return "redirect:/admin/bodies/" + id;
	}

	@GetMapping("/{bodyId}")
	String show(@PathVariable long bodyId, Model model) {
		model.addAttribute("reasonForm", new ReasonForm());
		return detailView(organization.get(bodyId), model);
	}

	private String detailView(Body body, Model model) {
		model.addAttribute("body", body);
		model.addAttribute("waitingMail", organization.waitingMail(body.id()));
		model.addAttribute("permits", organization.permitsOf(body.id()));
		return VIEW_DETAIL;
	}

	@GetMapping("/{bodyId}/edit")
	String initUpdateForm(@PathVariable long bodyId, Model model) {
		Body body = organization.get(bodyId);
		model.addAttribute("body", body);
		model.addAttribute("bodyForm", BodyForm.of(body));
		return VIEW_FORM;
	}

	@PostMapping("/{bodyId}/edit")
	String processUpdateForm(@PathVariable long bodyId, @Valid BodyForm bodyForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		Body body = organization.get(bodyId);
		rejectTakenName(bodyForm, bodyId, result);
		if (result.hasErrors()) {
			model.addAttribute("body", body);
			return VIEW_FORM;
		}
		try {
			organization.update(bodyId, bodyForm.getName(), bodyForm.getKind());
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "body.error.nameTaken");
			model.addAttribute("body", body);
			return VIEW_FORM;
		}
		redirect.addFlashAttribute("flashMessage", "body.updated");
		return "redirect:/admin/bodies/" + bodyId;
	}

	@PostMapping("/{bodyId}/suspend")
	String suspend(@PathVariable long bodyId, @Valid ReasonForm reasonForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return changeState(bodyId, reasonForm, result, model, redirect, true);
	}

	@PostMapping("/{bodyId}/reactivate")
	String reactivate(@PathVariable long bodyId, @Valid ReasonForm reasonForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return changeState(bodyId, reasonForm, result, model, redirect, false);
	}

	private String changeState(long bodyId, ReasonForm reasonForm, BindingResult result, Model model,
			RedirectAttributes redirect, boolean suspend) {
		Body body = organization.get(bodyId);
		String heldMail = reasonForm.getHeldMail();
		if (!suspend && !"send".equals(heldMail) && !"discard".equals(heldMail)) {
			result.rejectValue("heldMail", "body.error.heldMailChoice");
		}
		if (result.hasErrors()) {
			return detailView(body, model);
		}
		// a refusal goes back to the body's page with its message (DomainExceptionAdvice)
		if (suspend) {
			organization.suspend(bodyId, reasonForm.getReason());
		}
		else {
			organization.reactivate(bodyId, reasonForm.getReason(), "send".equals(heldMail));
		}
		redirect.addFlashAttribute("flashMessage", suspend ? "body.suspended"
				: "send".equals(heldMail) ? "body.reactivated.heldSent" : "body.reactivated.heldDiscarded");
		return "redirect:/admin/bodies/" + bodyId;
	}

	private void rejectTakenName(BodyForm form, long exceptId, BindingResult result) {
		if (form.getName() != null && !result.hasFieldErrors("name")
				&& organization.nameTaken(form.getName(), exceptId)) {
			result.rejectValue("name", "body.error.nameTaken");
		}
	}

}
