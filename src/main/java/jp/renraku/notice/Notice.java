package jp.renraku.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.delivery.NoticeId;
import org.jspecify.annotations.Nullable;

/**
 * A notice of a body and its audience. It guards its own life: each transition
 * ({@link #submitForApproval}, {@link #approveBy}, {@link #returnForChanges},
 * {@link #scheduleAt}, {@link #unschedule}, {@link #release}) checks that the notice is
 * in a state it may start from and refuses otherwise with a {@link NoticeException} that
 * names why; {@link Notices#move} then stores it only if nobody moved the notice
 * meanwhile.
 */
public record Notice(long id, long bodyId, long authorId, String subject, String text, boolean emergency,
		NoticeState state, @Nullable Integer recipients, @Nullable Instant releasedAt, @Nullable Instant scheduledAt,
		@Nullable Long approvedBy, boolean approvalBypassed, Instant createdAt, List<Long> listIds,
		List<Long> categoryIds, List<String> affiliations, Map<Long, List<String>> answers, boolean askConfirmation,
		List<NoticeQuestion> questions, @Nullable Instant answerDeadline, @Nullable Long remindOf, int autoRemindTimes,
		@Nullable Integer autoRemindMinutes, int remindersSent, boolean trackOpens) {

	/**
	 * A change of state the notice allows: stored only while the notice is still in
	 * {@code from}.
	 *
	 * @param approvedBy who approved it, once approved; null otherwise
	 */
	record Transition(NoticeState from, NoticeState to, @Nullable Long approvedBy) {
	}

	/** The notice as other modules name it. */
	public NoticeId noticeId() {
		return NoticeId.of(id);
	}

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

	public boolean released() {
		return state == NoticeState.RELEASED;
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

	/** A draft goes to a second person for approval. */
	Transition submitForApproval() {
		require(Set.of(NoticeState.DRAFT), "notice.error.notDraft");
		return new Transition(state, NoticeState.PENDING_APPROVAL, null);
	}

	/** An operations manager other than its writer approves it. */
	Transition approveBy(long approver) {
		require(Set.of(NoticeState.PENDING_APPROVAL), "notice.error.notPending");
		if (approver == authorId) {
			throw new NoticeException("notice.error.ownNotice");
		}
		return new Transition(state, NoticeState.APPROVED, approver);
	}

	/**
	 * An automatic reminder, a fresh draft, goes with the approval of the notice it
	 * reminds of: it was part of what was approved.
	 */
	Transition takeApprovalOf(Notice origin) {
		require(Set.of(NoticeState.DRAFT), "notice.error.notDraft");
		if (remindOf == null || remindOf != origin.id() || origin.approvedBy() == null) {
			throw new NoticeException("notice.error.needsApproval");
		}
		return new Transition(state, NoticeState.APPROVED, origin.approvedBy());
	}

	/** Back to its writer as a draft. */
	Transition returnForChanges() {
		require(Set.of(NoticeState.PENDING_APPROVAL), "notice.error.notPending");
		return new Transition(state, NoticeState.DRAFT, null);
	}

	/** To be released at a time ahead, before its own deadline. */
	Transition scheduleAt(Instant at, Instant now) {
		require(Set.of(NoticeState.DRAFT, NoticeState.APPROVED), "notice.error.notDraft");
		if (!at.isAfter(now)) {
			throw new NoticeException("notice.error.scheduleInPast");
		}
		if (answerDeadline != null && !answerDeadline.isAfter(at)) {
			throw new NoticeException("notice.error.deadlineBeforeSchedule");
		}
		return new Transition(state, NoticeState.SCHEDULED, approvedBy);
	}

	/** The schedule withdrawn: a draft again, or approved if it was. */
	Transition unschedule() {
		require(Set.of(NoticeState.SCHEDULED), "notice.error.notScheduled");
		return new Transition(state, approvedBy == null ? NoticeState.DRAFT : NoticeState.APPROVED, approvedBy);
	}

	/** Handed to the delivery engine: never to be changed again. */
	Transition release(Instant now) {
		require(Set.of(NoticeState.DRAFT, NoticeState.APPROVED, NoticeState.SCHEDULED), "notice.error.notDraft");
		if (!reminder() && answerDeadline != null && !answerDeadline.isAfter(now)) {
			throw new NoticeException("notice.error.deadlinePast");
		}
		return new Transition(state, NoticeState.RELEASED, approvedBy);
	}

	/** Refuses anything but a released notice (pausing, results, reminders). */
	Notice requireReleased() {
		require(Set.of(NoticeState.RELEASED), "notice.error.notReleased");
		return this;
	}

	private void require(Set<NoticeState> from, String refusal) {
		if (!from.contains(state)) {
			throw new NoticeException(refusal);
		}
	}

}
