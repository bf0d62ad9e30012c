package jp.renraku.notice;

/**
 * Life of a notice. Message key: {@code notice.state.NAME}.
 */
public enum NoticeState {

	/** Being written; can be changed and test-sent. */
	DRAFT,
	/**
	 * Waiting for a second person's approval (the body requires it for routine notices).
	 */
	PENDING_APPROVAL,
	/**
	 * Approved; can be sent or scheduled by its writer. Changing it makes it a draft
	 * again.
	 */
	APPROVED,
	/** To be released at its scheduled time; the schedule can be withdrawn until then. */
	SCHEDULED,
	/** Handed to the delivery engine; can no longer be changed. */
	RELEASED,
	/** Withdrawn before release. */
	CANCELLED

}
