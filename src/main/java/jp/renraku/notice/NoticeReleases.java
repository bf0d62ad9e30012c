package jp.renraku.notice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Language;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.organization.OrganizationManagement;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A notice's way out (Art. 5-1): approval by a second person where the body requires it,
 * schedules, release to the delivery engine (one outbox row per recipient in one
 * statement), and pausing, resuming and retrying its mail. Each step asks the
 * {@link Notice} for its transition and stores it only if nobody moved the notice
 * meanwhile.
 */
@Service
class NoticeReleases {

	/** What pressing "send" did. */
	enum Release {

		SENT, APPROVAL_REQUESTED

	}

	private final NoticeManagement management;

	private final Notices notices;

	private final DeliveryManagement delivery;

	private final ConfirmationManagement confirmation;

	private final OrganizationManagement organization;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final NoticeVersions versions;

	private final Clock clock;

	private final ZoneId zone;

	private final NoticeAttachments attachments;

	NoticeReleases(NoticeManagement management, Notices notices, DeliveryManagement delivery,
			ConfirmationManagement confirmation, OrganizationManagement organization, AuditTrail audit,
			TransactionTemplate transactions, NoticeVersions versions, Clock clock, RenrakuProperties properties,
			NoticeAttachments attachments) {
		this.attachments = attachments;
		this.versions = versions;
		this.management = management;
		this.notices = notices;
		this.delivery = delivery;
		this.confirmation = confirmation;
		this.organization = organization;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.zone = properties.timeZone();
	}

	/**
	 * Sends a notice now. Where the body requires approval, a routine notice that is not
	 * approved yet goes to approval instead; an emergency notice may go without, and that
	 * is recorded and shown.
	 */
	@Transactional
	Release release(Staff staff, long noticeId) {
		Notice notice = management.notice(staff, noticeId);
		if (!organization.permitted(notice.bodyId())) {
			// Art. 6: no usage permit valid today
			throw new NoticeException("notice.error.noPermit");
		}
		if (needsApproval(notice) && notice.draft()) {
			if (!notices.move(notice.id(), notice.bodyId(), notice.submitForApproval(), clock.instant())) {
				throw new NoticeException("notice.error.notDraft");
			}
			audit.record(AuditAction.NOTICE_APPROVAL_REQUESTED, notice.bodyId(), "notice:" + notice.id(), null);
			return Release.APPROVAL_REQUESTED;
		}
		releaseNow(staff, notice, "by staff");
		return Release.SENT;
	}

	/** Routine notices of a body that requires approval need it; emergencies do not. */
	boolean needsApproval(Notice notice) {
		return !notice.emergency() && notice.approvedBy() == null
				&& organization.get(notice.bodyId()).noticeApprovalRequired();
	}

	/**
	 * Releases the notice in the caller's transaction: its recipients are queued and its
	 * state moves to released, or neither happens. Returns how many recipients.
	 */
	long releaseNow(Staff actor, Notice notice, String how) {
		Instant now = clock.instant();
		Notice.Transition release = notice.release(now);
		if (needsApproval(notice)) {
			throw new NoticeException("notice.error.needsApproval");
		}
		boolean bypassed = notice.emergency() && notice.approvedBy() == null
				&& organization.get(notice.bodyId()).noticeApprovalRequired();
		long recipients;
		Set<Language> languages = versions.of(notice.id()).keySet();
		if (notice.reminder()) {
			Notice origin = notices.find(notice.remindOf(), notice.bodyId()).orElseThrow();
			if (!now.isBefore(management.closesAt(origin))) {
				throw new NoticeException("notice.error.answersClosed");
			}
			recipients = delivery.enqueueFollowUp(notice.noticeId(), notice.bodyId(), notice.emergency(),
					origin.noticeId(), confirmation.notYetConfirmed(), languages, now);
		}
		else {
			recipients = delivery.enqueue(notice.noticeId(), notice.bodyId(), notice.emergency(),
					management.audience(actor, notice), languages, now);
		}
		if (!notices.markReleased(notice, release, actor.accountId(), (int) recipients, now)) {
			// another node released it first: this enqueue is rolled back with the
			// transaction
			throw new NoticeException("notice.error.notDraft");
		}
		if (bypassed) {
			notices.markBypassed(notice.id());
		}
		attachments.released(notice.id());
		audit.record(notice.emergency() ? AuditAction.NOTICE_RELEASED_EMERGENCY : AuditAction.NOTICE_RELEASED,
				notice.bodyId(), "notice:" + notice.id(),
				"recipients:" + recipients + " " + how + (bypassed ? " approval-bypassed" : ""));
		return recipients;
	}

	/**
	 * A second person approves: an operations manager of the body who did not write the
	 * notice.
	 */
	@Transactional
	void approve(Staff staff, long noticeId) {
		Notice notice = approvable(staff, noticeId);
		if (!notices.move(notice.id(), notice.bodyId(), notice.approveBy(staff.accountId()), clock.instant())) {
			throw new NoticeException("notice.error.notPending");
		}
		audit.record(AuditAction.NOTICE_APPROVED, notice.bodyId(), "notice:" + notice.id(), null);
	}

	/** Sends the notice back to its writer as a draft. */
	@Transactional
	void returnForChanges(Staff staff, long noticeId) {
		Notice notice = approvable(staff, noticeId);
		if (!notices.move(notice.id(), notice.bodyId(), notice.returnForChanges(), clock.instant())) {
			throw new NoticeException("notice.error.notPending");
		}
		audit.record(AuditAction.NOTICE_RETURNED, notice.bodyId(), "notice:" + notice.id(), null);
	}

	private Notice approvable(Staff staff, long noticeId) {
		Notice notice = management.notice(staff, noticeId);
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new NoticeException("notice.error.approverRole");
		}
		if (notice.authorId() == staff.accountId()) {
			throw new NoticeException("notice.error.ownNotice");
		}
		return notice;
	}

	/**
	 * Schedules a draft for a date and time in the city's time zone; the time must be
	 * ahead.
	 */
	@Transactional
	void schedule(Staff staff, long noticeId, LocalDateTime at) {
		Notice notice = management.notice(staff, noticeId);
		if (needsApproval(notice)) {
			throw new NoticeException("notice.error.needsApproval");
		}
		Instant when = at.atZone(zone).toInstant();
		if (!notices.schedule(notice, notice.scheduleAt(when, clock.instant()), when, clock.instant())) {
			throw new NoticeException("notice.error.notDraft");
		}
		audit.record(AuditAction.NOTICE_SCHEDULED, notice.bodyId(), "notice:" + notice.id(), at.toString());
	}

	/** Withdraws the schedule; the notice is a draft again. */
	@Transactional
	void unschedule(Staff staff, long noticeId) {
		Notice notice = management.notice(staff, noticeId);
		if (!notices.unschedule(notice, notice.unschedule(), clock.instant())) {
			throw new NoticeException("notice.error.notScheduled");
		}
		audit.record(AuditAction.NOTICE_UNSCHEDULED, notice.bodyId(), "notice:" + notice.id(), null);
	}

	/**
	 * Releases every scheduled notice whose time has come (the scheduler calls this on
	 * every node; each notice is released by one). Returns how many were released.
	 */
	int releaseDue() {
		int released = 0;
		for (Notice due : notices.dueScheduled(clock.instant())) {
			Staff author = new Staff(due.authorId(), "scheduler", "scheduler", Role.SENDER, due.bodyId());
			try {
				transactions.executeWithoutResult(status -> releaseNow(author, due, "as scheduled"));
				released++;
			}
			catch (NoticeException ex) {
				// released by another node or withdrawn meanwhile — or it cannot go any
				// more (its deadline passed, approval now needed): back to a draft, so
				// that it is not tried for ever and its writer sees it
				transactions.executeWithoutResult(status -> {
					if (due.scheduled() && notices.unschedule(due, due.unschedule(), clock.instant())) {
						audit.record(AuditAction.NOTICE_UNSCHEDULED, due.bodyId(), "notice:" + due.id(),
								"not released as scheduled: " + ex.messageKey());
					}
				});
			}
			catch (DataAccessException ex) {
				// the database is unreachable: the next round tries again
			}
		}
		return released;
	}

	/** Holds a released notice's waiting mail; what is being sent finishes. */
	@Transactional
	void pause(Staff staff, long noticeId) {
		Notice notice = management.released(staff, noticeId);
		int held = delivery.pause(notice.noticeId());
		audit.record(AuditAction.NOTICE_PAUSED, notice.bodyId(), "notice:" + notice.id(), "held:" + held);
	}

	@Transactional
	void resume(Staff staff, long noticeId) {
		Notice notice = management.released(staff, noticeId);
		int queued = delivery.resume(notice.noticeId(), clock.instant());
		audit.record(AuditAction.NOTICE_RESUMED, notice.bodyId(), "notice:" + notice.id(), "queued:" + queued);
	}

	/** Sends the failed messages of a notice once more, after the cause was fixed. */
	@Transactional
	void retryFailures(Staff staff, long noticeId) {
		Notice notice = management.released(staff, noticeId);
		int queued = delivery.retryFailed(notice.noticeId(), clock.instant());
		audit.record(AuditAction.NOTICE_FAILURES_RETRIED, notice.bodyId(), "notice:" + notice.id(), "queued:" + queued);
	}

}
