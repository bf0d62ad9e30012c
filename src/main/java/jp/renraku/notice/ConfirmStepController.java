package jp.renraku.notice;

import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page of its own, without script, that comes before a step that cannot be undone:
 * what it does and to how many people, a way back, and the one button that posts to the
 * acting endpoint ({@link ReleaseController#release},
 * {@link ResultsController#changeDeadline}). Opening it changes nothing.
 */
@Controller
@RequestMapping("/notices")
@PreAuthorize("hasAnyRole('SENDER', 'OPERATIONS_MANAGER')")
class ConfirmStepController {

	private static final String VIEW_RELEASE = "notice/confirm-release";

	private static final String VIEW_CLOSE = "notice/confirm-close";

	private final NoticeManagement notices;

	private final NoticeReleases releases;

	private final ConfirmationManagement confirmation;

	ConfirmStepController(NoticeManagement notices, NoticeReleases releases, ConfirmationManagement confirmation) {
		this.notices = notices;
		this.releases = releases;
		this.confirmation = confirmation;
	}

	/**
	 * Before 「配信する」: the exact number the release will reach now. A notice that would go
	 * to approval instead, or is no longer waiting to go, has nothing to confirm here:
	 * its own page says what it can do.
	 */
	@GetMapping("/{noticeId}/release")
	String confirmRelease(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		if (!(notice.editable() || notice.scheduled()) || (notice.draft() && releases.needsApproval(notice))) {
			return "redirect:/notices/" + noticeId;
		}
		model.addAttribute("notice", notice);
		model.addAttribute("lists", notices.lists(staff));
		model.addAttribute("recipientCount", notices.recipientCount(staff, noticeId));
		return VIEW_RELEASE;
	}

	/**
	 * Before 「今すぐ締め切る」: how many have confirmed and how many have not, who can no longer
	 * answer once it is pressed.
	 */
	@GetMapping("/{noticeId}/close-answers")
	String confirmClose(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, Model model) {
		Notice notice = notices.notice(staff, noticeId);
		if (!notice.released() || !notice.askConfirmation() || notice.reminder()) {
			return "redirect:/notices/" + noticeId;
		}
		model.addAttribute("notice", notice);
		model.addAttribute("results", confirmation.results(notice.noticeId(), notice.bodyId()));
		return VIEW_CLOSE;
	}

}
