package jp.renraku.notice;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.CityTime;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.confirmation.Confirmations;
import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.DeliveryProgress;
import jp.renraku.delivery.NoticeId;
import jp.renraku.delivery.Placeholders;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.MailException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Senders and operations managers write, test and follow their body's notices (Art. 5-1):
 * the list, the form, a notice's page with its live progress. Sending and approval are
 * {@link ReleaseController}; results {@link ResultsController}.
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

	private final ResultsExports exports;

	private final DeliveryManagement delivery;

	private final ConfirmationManagement confirmation;

	private final MessageSource messages;

	private final CityTime cityTime;

	private final Clock clock;

	private final NoticeTranslations translations;

	private final NoticeAttachments attachments;

	NoticeController(NoticeManagement notices, NoticeTemplates templates, ResultsExports exports,
			DeliveryManagement delivery, ConfirmationManagement confirmation, MessageSource messages, CityTime cityTime,
			Clock clock, NoticeTranslations translations, NoticeAttachments attachments) {
		this.attachments = attachments;
		this.translations = translations;
		this.notices = notices;
		this.templates = templates;
		this.exports = exports;
		this.delivery = delivery;
		this.confirmation = confirmation;
		this.messages = messages;
		this.cityTime = cityTime;
		this.clock = clock;
	}

	/**
	 * The answering period of a notice without its own deadline, in days, for the pages.
	 */
	@ModelAttribute("defaultPeriodDays")
	long defaultPeriodDays() {
		return confirmation.answeringPeriod().toDays();
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
				.orElseThrow(() -> new NotFoundException("template"));
			form.setSubject(start.subject());
			form.setText(start.text());
		}
		else if (preset != null) {
			form = NoticeForm.of(preset(preset).content(messages));
		}
		model.addAttribute("noticeForm", form);
		return formView(staff, model);
	}

	private static QuestionPreset preset(String name) {
		try {
			return QuestionPreset.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("preset");
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
	private boolean changedOnPage(NoticeForm form, BindingResult result, @Nullable String addQuestion,
			@Nullable String preset, boolean reminder, Model model) {
		if (addQuestion != null || preset != null) {
			if (preset != null) {
				form.apply(preset(preset).content(messages));
			}
			else {
				form.addSlot();
			}
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "noticeForm",
					new BeanPropertyBindingResult(form, "noticeForm"));
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
		if (notice.released()) {
			NoticeId id = notice.noticeId();
			model.addAttribute("progress", delivery.progress(id, clock.instant()));
			// a reminder's confirmations are recorded on the notice it reminds of
			model.addAttribute("confirmed", notice.askConfirmation() && !notice.reminder()
					? confirmation.confirmations(id, notice.bodyId()) : null);
			model.addAttribute("failures", delivery.failures(id, 100));
			model.addAttribute("timing", delivery.timing(id).orElse(null));
			model.addAttribute("replies", confirmation.replies(id, 200));
			if ((notice.askConfirmation() || notice.trackOpens()) && !notice.reminder()) {
				model.addAttribute("results", confirmation.results(id, notice.bodyId()));
				model.addAttribute("reminders", notices.reminders(staff, noticeId));
				model.addAttribute("exports", exports.of(staff, noticeId));
				model.addAttribute("now", clock.instant());
			}
		}
		else {
			model.addAttribute("recipientCount", notices.recipientCount(staff, noticeId));
			model.addAttribute("versionCounts", translations.recipientsByVersion(staff, noticeId));
		}
		model.addAttribute("versions", translations.of(staff, noticeId));
		model.addAttribute("languages", Language.values());
		model.addAttribute("attachments", attachments.of(notice.id()));
		model.addAttribute("attachmentLimits", attachments.limits());
		model.addAttribute("attachmentsMailed", attachments.mailed(notice.id()));
		return VIEW_DETAIL;
	}

	/**
	 * The figures of the progress box, already worded, for the page's script to refresh
	 * them without a reload.
	 */
	@GetMapping(value = "/{noticeId}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> progress(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			Locale locale) {
		Notice notice = notices.notice(staff, noticeId);
		DeliveryProgress progress = delivery.progress(notice.noticeId(), clock.instant());
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("sent", progress.sent());
		figures.put("remaining", progress.remaining());
		figures.put("failed", progress.failed());
		figures.put("skipped", progress.skipped());
		figures.put("bounced", progress.bounced());
		figures.put("rate", messages.getMessage("notice.perSecond", new Object[] { progress.rate() }, locale));
		figures.put("eta", cityTime.format(progress.estimatedFinish()));
		figures.put("done", progress.remaining() == 0);
		if (!notice.reminder()) {
			// the same population as the results: the sent mail of those still registered
			Confirmations confirmed = confirmation.confirmations(notice.noticeId(), notice.bodyId());
			figures.put("confirmed", messages.getMessage("notice.confirmedValue",
					new Object[] { confirmed.confirmed(), confirmed.percent() }, locale));
		}
		if (progress.remaining() == 0) {
			figures.put("summary", messages.getMessage("notice.progressDone",
					new Object[] { progress.sent(), progress.failed() }, locale));
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(figures);
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
		notices.update(staff, noticeId, noticeForm.toDraft(cityTime.zone()));
		redirect.addFlashAttribute("flashMessage", "notice.saved");
		return "redirect:/notices/" + noticeId;
	}

	@PostMapping("/{noticeId}/test")
	String testSend(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		try {
			notices.testSend(staff, noticeId);
			redirect.addFlashAttribute("flashMessage", "notice.testSent");
		}
		catch (MailException ex) {
			// the relay did not take it: the page says so, nothing else changed
			redirect.addFlashAttribute("flashError", "notice.error.mail");
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
