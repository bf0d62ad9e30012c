package jp.renraku.notice;

import jp.renraku.common.Staff;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Says on the notice pages why the body cannot send (issue 16): no usage permit valid
 * today (Art. 6) or the body is suspended (Art. 6-3) — before a sender writes a notice
 * that the release would refuse.
 */
@ControllerAdvice(assignableTypes = NoticeController.class)
class SendingBlockAdvice {

	private final OrganizationManagement organization;

	SendingBlockAdvice(OrganizationManagement organization) {
		this.organization = organization;
	}

	/** {@code NO_PERMIT}, {@code SUSPENDED}, or null when the body can send. */
	@ModelAttribute("sendingBlocked")
	@Nullable String sendingBlocked(@AuthenticationPrincipal @Nullable Staff staff) {
		if (staff == null || staff.bodyId() == null) {
			return null;
		}
		if (organization.suspended(staff.bodyId())) {
			return "SUSPENDED";
		}
		return organization.permitted(staff.bodyId()) ? null : "NO_PERMIT";
	}

}
