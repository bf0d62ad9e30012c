package jp.renraku.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jp.renraku.common.MultiLine;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.SingleLine;
import jp.renraku.common.Staff;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident register's pages: /incidents for every staff member (what they may see),
 * the leading actions for the system administrator, answers to investigation requests for
 * the asked body's operations managers.
 */
@Controller
@RequestMapping("/incidents")
class IncidentController {

	private static final String VIEW_LIST = "incident/list";

	private static final String VIEW_FORM = "incident/form";

	private static final String VIEW_DETAIL = "incident/detail";

	private static final int MAX_TEXT = 8000;

	private final IncidentManagement incidents;

	private final OrganizationManagement organization;

	private final ZoneId zone;

	IncidentController(IncidentManagement incidents, OrganizationManagement organization,
			RenrakuProperties properties) {
		this.incidents = incidents;
		this.organization = organization;
		this.zone = properties.timeZone();
	}

	@GetMapping
	String list(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("incidents", incidents.visible(staff));
		model.addAttribute("bodyNames", organization.namesById());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String initCreationForm(@AuthenticationPrincipal Staff staff, Model model) {
		ReportForm form = new ReportForm();
		form.setDiscoveredAt(LocalDateTime.now(zone).withSecond(0).withNano(0));
		model.addAttribute("reportForm", form);
		return formView(staff, model, false);
	}

	@PostMapping("/new")
	String processCreationForm(@AuthenticationPrincipal Staff staff, @Valid ReportForm reportForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return formView(staff, model, false);
		}
		long id;
		try {
			id = incidents.report(staff, reportForm.toReport(zone), reportForm.getBodyIds());
		}
		catch (IncidentException ex) {
			result.rejectValue("discoveredAt", ex.messageKey());
			return formView(staff, model, false);
		}
		redirect.addFlashAttribute("flashMessage", "incident.reported");
		return "redirect:/incidents/" + id;
	}

	private String formView(Staff staff, Model model, boolean amending) {
		model.addAttribute("kinds", IncidentKind.values());
		model.addAttribute("bodies", staff.isSystemAdmin() ? organization.all() : List.of());
		model.addAttribute("amending", amending);
		return VIEW_FORM;
	}

	@GetMapping("/{id}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		model.addAttribute("incident", incidents.get(staff, id));
		model.addAttribute("timeline", incidents.timeline(staff, id));
		model.addAttribute("requests", incidents.requests(staff, id));
		model.addAttribute("bodyNames", organization.namesById());
		if (staff.isSystemAdmin()) {
			model.addAttribute("bodies", organization.all());
		}
		return VIEW_DETAIL;
	}

	@GetMapping("/{id}/amend")
	String initAmendForm(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		Incident incident = incidents.get(staff, id);
		model.addAttribute("incident", incident);
		model.addAttribute("reportForm", ReportForm.of(incident, zone));
		return formView(staff, model, true);
	}

	@PostMapping("/{id}/amend")
	String processAmendForm(@AuthenticationPrincipal Staff staff, @PathVariable long id, @Valid ReportForm reportForm,
			BindingResult result, Model model, RedirectAttributes redirect) {
		Incident incident = incidents.get(staff, id);
		if (reportForm.getReason() == null || reportForm.getReason().isBlank()) {
			result.rejectValue("reason", "validation.required");
		}
		if (result.hasErrors()) {
			model.addAttribute("incident", incident);
			return formView(staff, model, true);
		}
		return outcome(id, redirect, "incident.amended",
				() -> incidents.amend(staff, id, reportForm.toReport(zone), reportForm.getReason()));
	}

	/**
	 * Notes, the start of the investigation, the plan and the closing summary: one text
	 * each.
	 */
	@PostMapping("/{id}/{action:notes|investigate|plan|close}")
	String textAction(@AuthenticationPrincipal Staff staff, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) @Nullable String text, RedirectAttributes redirect) {
		String value = text == null ? "" : text.strip();
		if (value.isEmpty() && !action.equals("investigate")) {
			redirect.addFlashAttribute("flashError", "incident.error.textRequired");
			return "redirect:/incidents/" + id;
		}
		if (!MultiLine.Validator.fits(value, MAX_TEXT)) {
			redirect.addFlashAttribute("flashError", "incident.error.textInvalid");
			return "redirect:/incidents/" + id;
		}
		String note = value.isEmpty() ? null : value;
		return switch (action) {
			case "notes" -> outcome(id, redirect, "incident.noted", () -> incidents.note(staff, id, value));
			case "investigate" ->
				outcome(id, redirect, "incident.investigating", () -> incidents.startInvestigation(staff, id, note));
			case "plan" -> outcome(id, redirect, "incident.planned", () -> incidents.plan(staff, id, value));
			default -> outcome(id, redirect, "incident.closed", () -> incidents.close(staff, id, value));
		};
	}

	/** Art. 15-2: the CISO told, or an outside agency contacted: who, how, when. */
	@PostMapping("/{id}/{action:escalate|contacts}")
	String partyAction(@AuthenticationPrincipal Staff staff, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) @Nullable String party,
			@RequestParam(required = false) @Nullable String method,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime when,
			@RequestParam(required = false) @Nullable String text, RedirectAttributes redirect) {
		String who = party == null ? "" : party.strip();
		String how = method == null ? "" : method.strip();
		String note = text == null || text.isBlank() ? null : text.strip();
		if (who.isEmpty() || how.isEmpty() || when == null) {
			redirect.addFlashAttribute("flashError", "incident.error.partyRequired");
			return "redirect:/incidents/" + id;
		}
		if (who.length() > 200 || how.length() > 100 || !SingleLine.Validator.isSingleLine(who)
				|| !SingleLine.Validator.isSingleLine(how)
				|| (note != null && !MultiLine.Validator.fits(note, MAX_TEXT))) {
			redirect.addFlashAttribute("flashError", "incident.error.textInvalid");
			return "redirect:/incidents/" + id;
		}
		Instant at = when.atZone(zone).toInstant();
		return action.equals("escalate")
				? outcome(id, redirect, "incident.escalated", () -> incidents.escalate(staff, id, who, how, at, note))
				: outcome(id, redirect, "incident.contacted", () -> incidents.contact(staff, id, who, how, at, note));
	}

	@PostMapping("/{id}/bodies")
	String addBody(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(required = false) @Nullable Long bodyId, RedirectAttributes redirect) {
		if (bodyId == null || organization.find(bodyId).isEmpty()) {
			redirect.addFlashAttribute("flashError", "incident.error.body");
			return "redirect:/incidents/" + id;
		}
		return outcome(id, redirect, "incident.bodyAdded", () -> incidents.addBody(staff, id, bodyId));
	}

	/** Art. 12-2: the system administrator asks a body for an investigation report. */
	@PostMapping("/{id}/requests")
	String requestReport(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(required = false) @Nullable Long bodyId,
			@RequestParam(required = false) @Nullable String question,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate dueOn,
			RedirectAttributes redirect) {
		String asked = question == null ? "" : question.strip();
		if (bodyId == null || organization.find(bodyId).isEmpty() || asked.isEmpty()) {
			redirect.addFlashAttribute("flashError", "incident.error.requestIncomplete");
			return "redirect:/incidents/" + id;
		}
		if (!MultiLine.Validator.fits(asked, 4000)) {
			redirect.addFlashAttribute("flashError", "incident.error.textInvalid");
			return "redirect:/incidents/" + id;
		}
		return outcome(id, redirect, "incident.requested",
				() -> incidents.requestReport(staff, id, bodyId, asked, dueOn));
	}

	@PostMapping("/{id}/requests/{requestId}/answer")
	String answer(@AuthenticationPrincipal Staff staff, @PathVariable long id, @PathVariable long requestId,
			@RequestParam(required = false) @Nullable String text, RedirectAttributes redirect) {
		String value = text == null ? "" : text.strip();
		if (value.isEmpty()) {
			redirect.addFlashAttribute("flashError", "incident.error.textRequired");
			return "redirect:/incidents/" + id;
		}
		if (!MultiLine.Validator.fits(value, MAX_TEXT)) {
			redirect.addFlashAttribute("flashError", "incident.error.textInvalid");
			return "redirect:/incidents/" + id;
		}
		// the answer's form is on the incident's page, not on the request's address
		try {
			incidents.answerReport(staff, requestId, value);
			redirect.addFlashAttribute("flashMessage", "incident.answered");
		}
		catch (IncidentException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
		}
		return "redirect:/incidents/" + id;
	}

	/**
	 * Does the action and goes back to the incident's page. A refusal goes back there
	 * too, with its message: the common {@code DomainExceptionAdvice} answers it.
	 */
	private static String outcome(long id, RedirectAttributes redirect, String success, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flashMessage", success);
		return "redirect:/incidents/" + id;
	}

}
