package jp.renraku.notice;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.MultiLine;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.SingleLine;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A body's templates (定型文): staff save a notice's subject and text under a name and start
 * new notices from it. Only the body's own templates are reachable.
 */
@Controller
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class TemplateController {

	private final NoticeTemplates templates;

	private final AuditTrail audit;

	private final Clock clock;

	TemplateController(NoticeTemplates templates, AuditTrail audit, Clock clock) {
		this.templates = templates;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/notices/templates")
	String list(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("templates", templates.ofBody(staff.requireBody()));
		return "notice/templates";
	}

	@PostMapping("/notices/templates")
	@Transactional
	String create(@AuthenticationPrincipal Staff staff, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String text, Model model, RedirectAttributes redirect) {
		Map<String, String> errors = check(staff, name, subject, text);
		if (!errors.isEmpty()) {
			model.addAttribute("templates", templates.ofBody(staff.requireBody()));
			model.addAttribute("errors", errors);
			model.addAttribute("name", name);
			model.addAttribute("subject", subject);
			model.addAttribute("text", text);
			return "notice/templates";
		}
		templates.insert(staff.requireBody(), name.strip(), subject.strip(), text, clock.instant());
		audit.record(AuditAction.NOTICE_TEMPLATE_SAVED, staff.requireBody(), "template:" + name.strip(), null);
		redirect.addFlashAttribute("flashMessage", "template.saved");
		return "redirect:/notices/templates";
	}

	@PostMapping("/notices/templates/{templateId}/delete")
	@Transactional
	String delete(@AuthenticationPrincipal Staff staff, @PathVariable long templateId, RedirectAttributes redirect) {
		if (!templates.delete(templateId, staff.requireBody())) {
			throw new NotFoundException("template");
		}
		audit.record(AuditAction.NOTICE_TEMPLATE_DELETED, staff.requireBody(), "template:" + templateId, null);
		redirect.addFlashAttribute("flashMessage", "template.deleted");
		return "redirect:/notices/templates";
	}

	/** Errors by field (message keys); empty when the template can be saved. */
	private Map<String, String> check(Staff staff, @Nullable String name, @Nullable String subject,
			@Nullable String text) {
		Map<String, String> errors = new LinkedHashMap<>();
		field(errors, "name", name, 100, true);
		field(errors, "subject", subject, 200, true);
		field(errors, "text", text, 20000, false);
		if (!errors.containsKey("name") && templates.nameTaken(staff.requireBody(), name.strip())) {
			errors.put("name", "template.error.nameTaken");
		}
		return errors;
	}

	private static void field(Map<String, String> errors, String field, @Nullable String value, int max,
			boolean singleLine) {
		if (value == null || value.isBlank()) {
			errors.put(field, "validation.required");
		}
		else if (value.strip().length() > max) {
			errors.put(field, "template.error.tooLong");
		}
		else if (singleLine ? !SingleLine.Validator.isSingleLine(value)
				: !new MultiLine.Validator().isValid(value, null)) {
			errors.put(field, singleLine ? "validation.singleLine" : "validation.multiLine");
		}
	}

}
