package jp.renraku.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A notice of a body and its audience.
 */
public record Notice(long id, long bodyId, long authorId, String subject, String text, boolean emergency,
		NoticeState state, @Nullable Integer recipients, @Nullable Instant releasedAt, @Nullable Instant scheduledAt,
		@Nullable Long approvedBy, boolean approvalBypassed, Instant createdAt, List<Long> listIds,
		List<Long> categoryIds, List<String> affiliations, Map<Long, List<String>> answers, boolean askConfirmation,
		List<NoticeQuestion> questions, @Nullable Instant answerDeadline, @Nullable Long remindOf, int autoRemindTimes,
		@Nullable Integer autoRemindMinutes, int remindersSent, boolean trackOpens) {

	/** A reminder of another notice: it goes to those who have not answered that one. */
	public boolean reminder() {
		return remindOf != null;
	}

	public boolean draft() {
		return state == NoticeState.DRAFT;
	}

	public boolean pendingApproval() {
		return state == NoticeState.PENDING_APPROVAL;
	}

	public boolean approved() {
		return state == NoticeState.APPROVED;
	}

	/**
	 * Can still be changed: a draft, or an approved notice (whose approval then lapses).
	 */
	public boolean editable() {
		return state == NoticeState.DRAFT || state == NoticeState.APPROVED;
	}

	public boolean scheduled() {
		return state == NoticeState.SCHEDULED;
	}

}
