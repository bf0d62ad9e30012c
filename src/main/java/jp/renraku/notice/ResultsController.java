package jp.renraku.notice;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.CityTime;
import jp.renraku.common.CsvDownload;
import jp.renraku.common.MultiLine;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.confirmation.RecipientFilter;
import jp.renraku.registration.ExportRequest;
import jp.renraku.registration.RegistrationException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a released notice's recipients sent back (Art. 5-2), for its body's staff: the
 * live results box, who has and has not answered, reminders, the answers' deadline, and
 * the results as CSV under an export permission (Art. 10-4).
 */
@Controller
@RequestMapping("/notices")
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class ResultsController {

	private static final String VIEW_EXPORT_REQUEST = "notice/results-export-request";

	private final NoticeManagement notices;

	private final NoticeReminders reminders;

	private final ResultsExports exports;

	private final ConfirmationManagement confirmation;

	private final CityTime cityTime;

	ResultsController(NoticeManagement notices, NoticeReminders reminders, ResultsExports exports,
			ConfirmationManagement confirmation, CityTime cityTime) {
		this.notices = notices;
		this.reminders = reminders;
		this.exports = exports;
		this.confirmation = confirmation;
		this.cityTime = cityTime;
	}

	/**
	 * The results box as a page of its own (language, title), for the notice page's
	 * script to refresh the box from while answers come in, and readable when opened
	 * alone.
	 */
	@GetMapping("/{noticeId}/results")
	String results(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model,
			HttpServletResponse response) {
		Notice notice = notices.notice(staff, noticeId);
		model.addAttribute("notice", notice);
		model.addAttribute("results", confirmation.results(notice.noticeId(), notice.bodyId()));
		response.setHeader("Cache-Control", "no-store");
		return "notice/results";
	}

	/** Who has not confirmed yet, or who has and what they answered; 100 a page. */
	@GetMapping("/{noticeId}/recipients")
	String recipients(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(defaultValue = "PENDING") String show, @RequestParam(defaultValue = "0") int page,
			Model model) {
		RecipientFilter which;
		try {
			which = RecipientFilter.valueOf(show);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("recipients " + show);
		}
		Notice notice = notices.notice(staff, noticeId);
		if (notice.reminder()) {
			// who answered is recorded on the notice it reminds of
			return "redirect:/notices/" + notice.remindOf() + "/recipients?show=" + which.name();
		}
		model.addAttribute("notice", notice);
		model.addAttribute("show", which.name());
		model.addAttribute("recipients", confirmation.recipients(notice.noticeId(), notice.bodyId(), which, page));
		return "notice/recipients";
	}

	/** The request for permission to export the results (Art. 10-4). */
	@GetMapping("/{noticeId}/results-export")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String initExportRequest(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		model.addAttribute("notice", notices.notice(staff, noticeId));
		return VIEW_EXPORT_REQUEST;
	}

	@PostMapping("/{noticeId}/results-export")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String processExportRequest(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String scope, Model model, RedirectAttributes redirect) {
		Notice notice = notices.notice(staff, noticeId);
		String why = purpose == null ? "" : purpose.strip();
		String what = scope == null ? "" : scope.strip();
		if (why.isEmpty() || what.isEmpty() || !MultiLine.Validator.fits(why, 1000)
				|| !MultiLine.Validator.fits(what, 1000)) {
			model.addAttribute("notice", notice);
			model.addAttribute("purpose", why);
			model.addAttribute("scope", what);
			model.addAttribute("formError", "export.error.textInvalid");
			return VIEW_EXPORT_REQUEST;
		}
		long id = exports.request(staff, noticeId, why, what);
		redirect.addFlashAttribute("flashMessage", "export.requested");
		return "redirect:/exports/" + id;
	}

	/** The results as CSV, counted against the requester's approved permission. */
	@PostMapping("/{noticeId}/results.csv")
	@Nullable String exportResults(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @RequestParam long request,
			@RequestParam(defaultValue = "utf8") String encoding, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		ExportRequest permission;
		try {
			permission = exports.startDownload(staff, noticeId, request);
		}
		catch (RegistrationException ex) {
			// refused on the permission's own page, where it says why
			redirect.addFlashAttribute("flashError", ex.messageKey());
			return "redirect:/exports/" + request;
		}
		Writer out = CsvDownload.open(response, "results-" + noticeId + "-" + request + ".csv", encoding);
		exports.write(staff, noticeId, permission, out);
		out.flush();
		return null;
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
		Instant deadline = closeNow ? null : at.atZone(cityTime.zone()).toInstant();
		reminders.changeDeadline(staff, noticeId, deadline);
		// a new deadline already past closes answering: say so
		boolean closes = closeNow || !deadline.isAfter(Instant.now());
		redirect.addFlashAttribute("flashMessage", closes ? "notice.answersClosed" : "notice.deadlineChanged");
		return "redirect:/notices/" + noticeId;
	}

	/** Starts a reminder to those who have not confirmed or answered yet. */
	@PostMapping("/{noticeId}/remind")
	String remind(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		long id = reminders.remind(staff, noticeId);
		redirect.addFlashAttribute("flashMessage", "notice.reminderCreated");
		return "redirect:/notices/" + id;
	}

}
