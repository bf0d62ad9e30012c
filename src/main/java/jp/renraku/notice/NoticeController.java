package jp.renraku.notice;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jp.renraku.common.CityTime;
import jp.renraku.common.Staff;
import jp.renraku.delivery.DeliveryQueue;
import jp.renraku.delivery.DeliveryStatus;
import jp.renraku.delivery.Placeholders;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.MailException;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * Senders and operations managers write, test and release their body's notices (Art.
 * 5-1).
 */
@Controller
@RequestMapping("/notices")
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class NoticeController {

	private static final String VIEW_LIST = "notice/list";

	private static final String VIEW_FORM = "notice/form";

	private static final String VIEW_DETAIL = "notice/detail";

	private final NoticeManagement notices;

	private final NoticeTemplates templates;

	private final MessageSource messages;

	private final CityTime cityTime;

	NoticeController(NoticeManagement notices, NoticeTemplates templates, MessageSource messages, CityTime cityTime) {
		this.notices = notices;
		this.templates = templates;
		this.messages = messages;
		this.cityTime = cityTime;
	}

	@GetMapping
	String list(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("notices", notices.notices(staff));
		model.addAttribute("approvalRequired", notices.approvalRequired(staff));
		model.addAttribute("templates", templates.ofBody(staff.requireBody()));
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String initCreationForm(@AuthenticationPrincipal Staff staff,
			@RequestParam(required = false) @Nullable Long template, Model model) {
		NoticeForm form = new NoticeForm();
		if (template != null) {
			NoticeTemplate start = templates.find(template, staff.requireBody())
				.orElseThrow(() -> new jp.renraku.common.NotFoundException("template"));
			form.setSubject(start.subject());
			form.setText(start.text());
		}
		model.addAttribute("noticeForm", form);
		return formView(staff, model);
	}

	@PostMapping("/new")
	String processCreationForm(@AuthenticationPrincipal Staff staff, @Valid NoticeForm noticeForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return formView(staff, model);
		}
		long id = notices.create(staff, noticeForm.toDraft());
		redirect.addFlashAttribute("flashMessage", "notice.saved");
		return "redirect:/notices/" + id;
	}

	@GetMapping("/{noticeId}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		model.addAttribute("notice", notice);
		model.addAttribute("lists", notices.lists(staff));
		model.addAttribute("approvalRequired", notices.approvalRequired(staff));
		if (notice.state() == NoticeState.RELEASED) {
			model.addAttribute("progress", notices.progress(staff, noticeId));
			model.addAttribute("confirmed", notice.askConfirmation() ? notices.confirmations(staff, noticeId) : null);
			model.addAttribute("failures", notices.failures(staff, noticeId));
		}
		else {
			model.addAttribute("recipientCount", notices.recipientCount(staff, noticeId));
		}
		return VIEW_DETAIL;
	}

	/**
	 * The figures of the progress box, already worded, for the page's script to refresh
	 * them without a reload.
	 */
	@GetMapping(value = "/{noticeId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> progress(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			Locale locale) {
		DeliveryQueue.Progress progress = notices.progress(staff, noticeId);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("sent", progress.count(DeliveryStatus.SENT));
		figures.put("remaining", progress.remaining());
		figures.put("failed", progress.count(DeliveryStatus.FAILED));
		figures.put("skipped", progress.count(DeliveryStatus.SKIPPED));
		figures.put("rate", messages.getMessage("notice.perSecond", new Object[] { progress.rate() }, locale));
		figures.put("eta", cityTime.formatSeconds(progress.estimatedFinish()));
		figures.put("done", progress.remaining() == 0);
		long confirmed = notices.confirmations(staff, noticeId);
		long sent = progress.count(DeliveryStatus.SENT);
		figures.put("confirmed", messages.getMessage("notice.confirmedValue",
				new Object[] { confirmed, sent == 0 ? 0 : confirmed * 100 / sent }, locale));
		if (progress.remaining() == 0) {
			figures.put("summary",
					messages.getMessage("notice.progressDone",
							new Object[] { progress.count(DeliveryStatus.SENT), progress.count(DeliveryStatus.FAILED) },
							locale));
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(figures);
	}

	@GetMapping("/{noticeId}/edit")
	String initUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		model.addAttribute("notice", notice);
		model.addAttribute("noticeForm", NoticeForm.of(notice));
		return formView(staff, model);
	}

	@PostMapping("/{noticeId}/edit")
	String processUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@Valid NoticeForm noticeForm, BindingResult result, Model model, RedirectAttributes redirect) {
		Notice notice = notices.notice(staff, noticeId);
		if (result.hasErrors()) {
			model.addAttribute("notice", notice);
			return formView(staff, model);
		}
		return outcome(noticeId, redirect, "notice.saved", () -> notices.update(staff, noticeId, noticeForm.toDraft()));
	}

	@PostMapping("/{noticeId}/test")
	String testSend(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		try {
			return outcome(noticeId, redirect, "notice.testSent", () -> notices.testSend(staff, noticeId));
		}
		catch (MailException ex) {
			redirect.addFlashAttribute("flashError", "notice.error.mail");
			return "redirect:/notices/" + noticeId;
		}
	}

	@PostMapping("/{noticeId}/release")
	String release(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		try {
			NoticeManagement.Release result = notices.release(staff, noticeId);
			redirect.addFlashAttribute("flashMessage",
					result == NoticeManagement.Release.SENT ? "notice.released" : "notice.approvalRequested");
		}
		catch (NoticeException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
		}
		return "redirect:/notices/" + noticeId;
	}

	@PostMapping("/{noticeId}/approve")
	String approve(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.approved", () -> notices.approve(staff, noticeId));
	}

	@PostMapping("/{noticeId}/return")
	String returnForChanges(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.returned", () -> notices.returnForChanges(staff, noticeId));
	}

	@PostMapping("/approval-setting")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String approvalSetting(@AuthenticationPrincipal Staff staff, @RequestParam(defaultValue = "false") boolean required,
			RedirectAttributes redirect) {
		notices.setApprovalRequired(staff, required);
		redirect.addFlashAttribute("flashMessage", "notice.approvalSettingSaved");
		return "redirect:/notices";
	}

	@PostMapping("/{noticeId}/schedule")
	String schedule(
			@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime at,
			RedirectAttributes redirect) {
		if (at == null) {
			redirect.addFlashAttribute("flashError", "notice.error.scheduleMissing");
			return "redirect:/notices/" + noticeId;
		}
		return outcome(noticeId, redirect, "notice.scheduled", () -> notices.schedule(staff, noticeId, at));
	}

	@PostMapping("/{noticeId}/unschedule")
	String unschedule(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.unscheduled", () -> notices.unschedule(staff, noticeId));
	}

	@PostMapping("/{noticeId}/pause")
	String pause(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.paused", () -> notices.pause(staff, noticeId));
	}

	@PostMapping("/{noticeId}/resume")
	String resume(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.resumed", () -> notices.resume(staff, noticeId));
	}

	@PostMapping("/{noticeId}/retry-failures")
	String retryFailures(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			RedirectAttributes redirect) {
		return outcome(noticeId, redirect, "notice.failuresRetried", () -> notices.retryFailures(staff, noticeId));
	}

	private String outcome(long noticeId, RedirectAttributes redirect, String success, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flashMessage", success);
		}
		catch (NoticeException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
		}
		return "redirect:/notices/" + noticeId;
	}

	private String formView(Staff staff, Model model) {
		var lists = notices.lists(staff);
		model.addAttribute("lists", lists);
		model.addAttribute("affiliationChoices",
				lists.stream().flatMap(l -> l.affiliationOptions().stream()).distinct().toList());
		model.addAttribute("placeholderName", Placeholders.NAME);
		model.addAttribute("placeholderLink", Placeholders.MANAGE_LINK);
		model.addAttribute("placeholderConfirm", Placeholders.CONFIRM_LINK);
		return VIEW_FORM;
	}

}
