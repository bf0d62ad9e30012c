package jp.renraku.notice;

import java.time.LocalDateTime;

import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The buttons on a notice's page that move it on: send, approve or return, schedule,
 * pause, resume, send the failed ones again. A refused step comes back to the page with
 * its reason ({@code DomainExceptionAdvice}).
 */
@Controller
@RequestMapping("/notices")
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class ReleaseController {

	private final NoticeReleases releases;

	private final NoticeManagement notices;

	ReleaseController(NoticeReleases releases, NoticeManagement notices) {
		this.releases = releases;
		this.notices = notices;
	}

	private static String back(long noticeId, RedirectAttributes redirect, String done) {
		redirect.addFlashAttribute("flashMessage", done);
		return "redirect:/notices/" + noticeId;
	}

	@PostMapping("/{noticeId}/release")
	String release(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		NoticeReleases.Release result = releases.release(staff, noticeId);
		return back(noticeId, redirect,
				result == NoticeReleases.Release.SENT ? "notice.released" : "notice.approvalRequested");
	}

	@PostMapping("/{noticeId}/approve")
	String approve(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		releases.approve(staff, noticeId);
		return back(noticeId, redirect, "notice.approved");
	}

	@PostMapping("/{noticeId}/return")
	String returnForChanges(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			RedirectAttributes redirect) {
		releases.returnForChanges(staff, noticeId);
		return back(noticeId, redirect, "notice.returned");
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
		releases.schedule(staff, noticeId, at);
		return back(noticeId, redirect, "notice.scheduled");
	}

	@PostMapping("/{noticeId}/unschedule")
	String unschedule(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		releases.unschedule(staff, noticeId);
		return back(noticeId, redirect, "notice.unscheduled");
	}

	@PostMapping("/{noticeId}/pause")
	String pause(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		releases.pause(staff, noticeId);
		return back(noticeId, redirect, "notice.paused");
	}

	@PostMapping("/{noticeId}/resume")
	String resume(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, RedirectAttributes redirect) {
		releases.resume(staff, noticeId);
		return back(noticeId, redirect, "notice.resumed");
	}

	@PostMapping("/{noticeId}/retry-failures")
	String retryFailures(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId,
			RedirectAttributes redirect) {
		releases.retryFailures(staff, noticeId);
		return back(noticeId, redirect, "notice.failuresRetried");
	}

}
