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

	/**
	 * The answering period of a notice without its own deadline, in days, for the pages.
	 */
	@org.springframework.web.bind.annotation.ModelAttribute("defaultPeriodDays")
	long defaultPeriodDays() {
		return defaultPeriod.toDays();
	}

	private final java.time.Duration defaultPeriod;

	NoticeController(NoticeManagement notices, NoticeTemplates templates, MessageSource messages, CityTime cityTime,
			ReceiptProperties receipts) {
		this.defaultPeriod = receipts.defaultPeriod();
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
		model.addAttribute("presets", QuestionPreset.values());
		return VIEW_LIST;
	}

	@GetMapping("/new")
	String initCreationForm(@AuthenticationPrincipal Staff staff,
			@RequestParam(required = false) @Nullable Long template,
			@RequestParam(required = false) @Nullable String preset, Model model) {
		NoticeForm form = new NoticeForm();
		if (template != null) {
			NoticeTemplate start = templates.find(template, staff.requireBody())
				.orElseThrow(() -> new jp.renraku.common.NotFoundException("template"));
			form.setSubject(start.subject());
			form.setText(start.text());
		}
		else if (preset != null) {
			form = NoticeForm.of(preset(preset));
		}
		model.addAttribute("noticeForm", form);
		return formView(staff, model);
	}

	private static QuestionPreset preset(String name) {
		try {
			return QuestionPreset.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new jp.renraku.common.NotFoundException("preset");
		}
	}

	@PostMapping("/new")
	String processCreationForm(@AuthenticationPrincipal Staff staff, @Valid NoticeForm noticeForm, BindingResult result,
			@RequestParam(required = false) @Nullable String addQuestion,
			@RequestParam(required = false) @Nullable String preset, Model model, RedirectAttributes redirect) {
		if (changedOnPage(noticeForm, result, addQuestion, preset, false, model)) {
			return formView(staff, model);
		}
		long id = notices.create(staff, noticeForm.toDraft(cityTime.zone()));
		redirect.addFlashAttribute("flashMessage", "notice.saved");
		return "redirect:/notices/" + id;
	}

	/**
	 * Whether the page is shown again rather than saved: a question slot was added or a
	 * ready-made set of questions put in (nothing is saved then, and nothing is reported
	 * as wrong yet), or the form has errors.
	 */
	private static boolean changedOnPage(NoticeForm form, BindingResult result, @Nullable String addQuestion,
			@Nullable String preset, boolean reminder, Model model) {
		if (addQuestion != null || preset != null) {
			if (preset != null) {
				form.apply(preset(preset));
			}
			else {
				form.addSlot();
			}
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "noticeForm",
					new org.springframework.validation.BeanPropertyBindingResult(form, "noticeForm"));
			return true;
		}
		if (reminder) {
			// a reminder's audience and questions are its notice's: only its text counts
			return result.hasFieldErrors("subject") || result.hasFieldErrors("text");
		}
		form.validateQuestions(result);
		if (form.getListIds().isEmpty()) {
			result.rejectValue("listIds", "notice.error.noList");
		}
		return result.hasErrors();
	}

	@GetMapping("/{noticeId}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		model.addAttribute("notice", notice);
		model.addAttribute("lists", notices.lists(staff));
		model.addAttribute("approvalRequired", notices.approvalRequired(staff));
		if (notice.state() == NoticeState.RELEASED) {
			model.addAttribute("progress", notices.progress(staff, noticeId));
			// a reminder's confirmations are recorded on the notice it reminds of
			model.addAttribute("confirmed",
					notice.askConfirmation() && !notice.reminder() ? notices.confirmations(staff, noticeId) : null);
			model.addAttribute("failures", notices.failures(staff, noticeId));
			model.addAttribute("replies", notices.replies(staff, noticeId));
			if ((notice.askConfirmation() || notice.trackOpens()) && !notice.reminder()) {
				model.addAttribute("results", notices.results(staff, noticeId));
				model.addAttribute("reminders", notices.reminders(staff, noticeId));
				model.addAttribute("exports", notices.resultsExports(staff, noticeId));
				model.addAttribute("now", java.time.Instant.now());
			}
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
		figures.put("bounced", progress.bounced());
		figures.put("rate", messages.getMessage("notice.perSecond", new Object[] { progress.rate() }, locale));
		figures.put("eta", cityTime.formatSeconds(progress.estimatedFinish()));
		figures.put("done", progress.remaining() == 0);
		if (!notices.notice(staff, noticeId).reminder()) {
			long confirmed = notices.confirmations(staff, noticeId);
			long sent = progress.count(DeliveryStatus.SENT);
			figures.put("confirmed", messages.getMessage("notice.confirmedValue",
					new Object[] { confirmed, sent == 0 ? 0 : confirmed * 100 / sent }, locale));
		}
		if (progress.remaining() == 0) {
			figures.put("summary",
					messages.getMessage("notice.progressDone",
							new Object[] { progress.count(DeliveryStatus.SENT), progress.count(DeliveryStatus.FAILED) },
							locale));
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(figures);
	}

	/** The results box alone, for the page's script to refresh while answers come in. */
	@GetMapping("/{noticeId}/results")
	String results(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		model.addAttribute("notice", notices.notice(staff, noticeId));
		model.addAttribute("results", notices.results(staff, noticeId));
		response.setHeader("Cache-Control", "no-store");
		return "notice/results :: results";
	}

	/** Who has not confirmed yet, or who has and what they answered; 100 a page. */
	@GetMapping("/{noticeId}/recipients")
	String recipients(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(defaultValue = "PENDING") String show, @RequestParam(defaultValue = "0") int page,
			Model model) {
		NoticeResults.Show which;
		try {
			which = NoticeResults.Show.valueOf(show);
		}
		catch (IllegalArgumentException ex) {
			throw new jp.renraku.common.NotFoundException("recipients " + show);
		}
		Notice notice = notices.notice(staff, noticeId);
		if (notice.reminder()) {
			// who answered is recorded on the notice it reminds of
			return "redirect:/notices/" + notice.remindOf() + "/recipients?show=" + which.name();
		}
		model.addAttribute("notice", notice);
		model.addAttribute("show", which.name());
		model.addAttribute("recipients", notices.recipients(staff, noticeId, which, page));
		return "notice/recipients";
	}

	/** The request for permission to export the results (Art. 10-4). */
	@GetMapping("/{noticeId}/results-export")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String initExportRequest(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		model.addAttribute("notice", notices.notice(staff, noticeId));
		return "notice/results-export-request";
	}

	@PostMapping("/{noticeId}/results-export")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String processExportRequest(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String scope, Model model, RedirectAttributes redirect) {
		Notice notice = notices.notice(staff, noticeId);
		String why = purpose == null ? "" : purpose.strip();
		String what = scope == null ? "" : scope.strip();
		if (why.isEmpty() || what.isEmpty() || !jp.renraku.common.MultiLine.Validator.fits(why, 1000)
				|| !jp.renraku.common.MultiLine.Validator.fits(what, 1000)) {
			model.addAttribute("notice", notice);
			model.addAttribute("purpose", why);
			model.addAttribute("scope", what);
			model.addAttribute("formError", "export.error.textInvalid");
			return "notice/results-export-request";
		}
		long id = notices.requestResultsExport(staff, noticeId, why, what);
		redirect.addFlashAttribute("flashMessage", "export.requested");
		return "redirect:/exports/" + id;
	}

	/** The results as CSV, counted against the requester's approved permission. */
	@PostMapping("/{noticeId}/results.csv")
	@Nullable String exportResults(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @RequestParam long request,
			@RequestParam(defaultValue = "utf8") String encoding, jakarta.servlet.http.HttpServletResponse response,
			RedirectAttributes redirect) throws java.io.IOException {
		jp.renraku.registration.ExportRequest permission;
		try {
			permission = notices.startResultsDownload(staff, noticeId, request);
		}
		catch (jp.renraku.registration.RegistrationException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			return "redirect:/exports/" + request;
		}
		java.io.Writer out = jp.renraku.common.CsvDownload.open(response,
				"results-" + noticeId + "-" + request + ".csv", encoding);
		notices.writeResults(staff, noticeId, permission, out);
		out.flush();
		return null;
	}

	@GetMapping("/{noticeId}/edit")
	String initUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		model.addAttribute("notice", notice);
		model.addAttribute("noticeForm", NoticeForm.of(notice, cityTime.zone()));
		return formView(staff, model);
	}

	@PostMapping("/{noticeId}/edit")
	String processUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@Valid NoticeForm noticeForm, BindingResult result,
			@RequestParam(required = false) @Nullable String addQuestion,
			@RequestParam(required = false) @Nullable String preset, Model model, RedirectAttributes redirect) {
		Notice notice = notices.notice(staff, noticeId);
		if (changedOnPage(noticeForm, result, addQuestion, preset, notice.reminder(), model)) {
			model.addAttribute("notice", notice);
			return formView(staff, model);
		}
		return outcome(noticeId, redirect, "notice.saved",
				() -> notices.update(staff, noticeId, noticeForm.toDraft(cityTime.zone())));
	}

	/**
	 * Moves the answers' deadline of a released notice; without a time, closes them now.
	 */
	@PostMapping("/{noticeId}/deadline")
	String changeDeadline(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime at,
			@RequestParam(defaultValue = "false") boolean closeNow, RedirectAttributes redirect) {
		if (at == null && !closeNow) {
			redirect.addFlashAttribute("flashError", "notice.error.scheduleMissing");
			return "redirect:/notices/" + noticeId;
		}
		java.time.Instant deadline = closeNow ? null : at.atZone(cityTime.zone()).toInstant();
		// a new deadline already past closes answering: say so
		boolean closes = closeNow || !deadline.isAfter(java.time.Instant.now());
		return outcome(noticeId, redirect, closes ? "notice.answersClosed" : "notice.deadlineChanged",
				() -> notices.changeDeadline(staff, noticeId, deadline));
	}

	/** Starts a reminder to those who have not confirmed or answered yet. */
	@PostMapping("/{noticeId}/remind")
	String remind(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		try {
			long id = notices.remind(staff, noticeId);
			redirect.addFlashAttribute("flashMessage", "notice.reminderCreated");
			return "redirect:/notices/" + id;
		}
		catch (NoticeException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			return "redirect:/notices/" + noticeId;
		}
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
		model.addAttribute("presets", QuestionPreset.values());
		model.addAttribute("questionKinds", NoticeQuestion.Kind.values());
		model.addAttribute("maxQuestions", NoticeQuestion.MAX);
		NoticeForm form = (NoticeForm) model.getAttribute("noticeForm");
		if (form != null && form.getQuestions().stream().noneMatch(q -> q.blank())) {
			// always one empty slot to type a question in, up to the limit
			form.addSlot();
		}
		return VIEW_FORM;
	}

}
