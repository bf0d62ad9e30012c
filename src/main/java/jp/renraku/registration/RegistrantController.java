package jp.renraku.registration;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operations manager confirms, changes and deletes registrants of their own body
 * (Art. 4-2-3): search, view, edit, delete with a reason (asked once more on a page of
 * its own), approve or reject. A refused deletion, approval or rejection goes back to the
 * registrant's page with its reason ({@code DomainExceptionAdvice}).
 */
@Controller
@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
class RegistrantController {

	private static final String VIEW_LIST = "registration/registrants";

	private static final String VIEW_DETAIL = "registration/registrant";

	private static final String VIEW_DELETE = "registration/registrant-delete";

	private final RegistrationManagement registration;

	RegistrantController(RegistrationManagement registration) {
		this.registration = registration;
	}

	@GetMapping("/lists/{listId}/registrants")
	String search(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Long category,
			@RequestParam(required = false) @Nullable String affiliation,
			@RequestParam(required = false) @Nullable RegistrantState state, @RequestParam(defaultValue = "0") int page,
			Model model) {
		RegistrationList list = registration.list(staff, listId);
		var criteria = new Registrants.Criteria(q, category, affiliation, state);
		List<Registrant> found = registration.registrants(staff, listId, criteria, page);
		boolean hasNext = found.size() > RegistrationManagement.PAGE_SIZE;
		model.addAttribute("list", list);
		model.addAttribute("registrants", hasNext ? found.subList(0, RegistrationManagement.PAGE_SIZE) : found);
		model.addAttribute("criteria", criteria);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("hasNext", hasNext);
		model.addAttribute("states", RegistrantState.values());
		return VIEW_LIST;
	}

	@GetMapping("/registrants/{registrantId}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, Model model) {
		Registrant registrant = registration.registrant(staff, registrantId);
		return detail(staff, registrant, RegistrantForm.of(registrant), model);
	}

	@PostMapping("/registrants/{registrantId}")
	String update(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		Registrant registrant = registration.registrant(staff, registrantId);
		RegistrationList list = registration.list(staff, registrant.listId());
		RegistrantForm form = RegistrantForm.read(request, list);
		if (form.hasErrors()) {
			return detail(staff, registrant, form, model);
		}
		registration.updateRegistrant(staff, registrantId, form.toDetails(list));
		redirect.addFlashAttribute("flashMessage", "registrant.updated");
		return "redirect:/registrants/" + registrantId;
	}

	/**
	 * Before the deletion, on a page of its own: whose data is erased, the reason from
	 * the list's deletion criteria, and the one button that deletes. Opening it changes
	 * nothing.
	 */
	@GetMapping("/registrants/{registrantId}/delete")
	String confirmDelete(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, Model model) {
		Registrant registrant = registration.registrant(staff, registrantId);
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", registration.list(staff, registrant.listId()));
		return VIEW_DELETE;
	}

	@PostMapping("/registrants/{registrantId}/delete")
	String delete(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		Registrant registrant = registration.registrant(staff, registrantId);
		registration.deleteRegistrant(staff, registrantId, reason == null ? "" : reason);
		redirect.addFlashAttribute("flashMessage", "registrant.deleted");
		return "redirect:/lists/" + registrant.listId() + "/registrants";
	}

	@PostMapping("/registrants/{registrantId}/approve")
	String approve(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, RedirectAttributes redirect) {
		registration.approve(staff, registrantId);
		redirect.addFlashAttribute("flashMessage", "registrant.approved");
		return "redirect:/registrants/" + registrantId;
	}

	/**
	 * Before a pending registration is refused, on a page of its own: whose data is
	 * erased and that the person is told by mail. Opening it changes nothing.
	 */
	@GetMapping("/registrants/{registrantId}/reject")
	String confirmReject(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, Model model) {
		Registrant registrant = registration.registrant(staff, registrantId);
		if (!registrant.pending()) {
			return "redirect:/registrants/" + registrantId;
		}
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", registration.list(staff, registrant.listId()));
		return "registration/registrant-reject";
	}

	@PostMapping("/registrants/{registrantId}/reject")
	String reject(@AuthenticationPrincipal Staff staff, @PathVariable long registrantId, RedirectAttributes redirect) {
		Registrant registrant = registration.registrant(staff, registrantId);
		registration.reject(staff, registrantId);
		redirect.addFlashAttribute("flashMessage", "registrant.rejected");
		return "redirect:/lists/" + registrant.listId() + "/registrants";
	}

	private String detail(Staff staff, Registrant registrant, RegistrantForm form, Model model) {
		model.addAttribute("registrant", registrant);
		model.addAttribute("list", registration.list(staff, registrant.listId()));
		model.addAttribute("form", form);
		return VIEW_DETAIL;
	}

}
