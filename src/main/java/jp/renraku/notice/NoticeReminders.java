package jp.renraku.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.CityTime;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders of a released notice that asks for confirmation (Art. 5-2), by hand or by
 * themselves every N minutes, to those who have not confirmed or answered by then; and
 * the deadline of its answers.
 */
@Service
class NoticeReminders {

	private final NoticeManagement management;

	private final NoticeReleases releases;

	private final Notices notices;

	private final DeliveryManagement delivery;

	private final ConfirmationManagement confirmation;

	private final OrganizationManagement organization;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final CityTime cityTime;

	private final Clock clock;

	NoticeReminders(NoticeManagement management, NoticeReleases releases, Notices notices, DeliveryManagement delivery,
			ConfirmationManagement confirmation, OrganizationManagement organization, AuditTrail audit,
			MessageSource messages, TransactionTemplate transactions, CityTime cityTime, Clock clock) {
		this.management = management;
		this.releases = releases;
		this.notices = notices;
		this.delivery = delivery;
		this.confirmation = confirmation;
		this.organization = organization;
		this.audit = audit;
		this.messages = messages;
		this.transactions = transactions;
		this.cityTime = cityTime;
		this.clock = clock;
	}

	/**
	 * Starts a reminder of a released notice that asks for confirmation: a draft of its
	 * own, to be checked and released like any notice (approval included), which goes to
	 * those who have not confirmed or answered the notice by then. A reminder of a
	 * reminder reminds of the first notice.
	 */
	@Transactional
	long remind(Staff staff, long noticeId) {
		Notice released = management.released(staff, noticeId);
		Notice origin = released.reminder() ? management.notice(staff, released.remindOf()) : released;
		if (!origin.askConfirmation()) {
			throw new NoticeException("notice.error.nothingToRemind");
		}
		if (!clock.instant().isBefore(management.closesAt(origin))) {
			throw new NoticeException("notice.error.answersClosed");
		}
		long id = notices.insert(origin.bodyId(), staff.accountId(), reminderOf(origin), origin.id(), clock.instant());
		audit.record(AuditAction.NOTICE_REMINDER_CREATED, origin.bodyId(), "notice:" + id,
				"reminder of notice:" + origin.id());
		return id;
	}

	private NoticeDraft reminderOf(Notice origin) {
		String subject = messages.getMessage("notice.reminderSubject", new Object[] { origin.subject() },
				Locale.JAPANESE);
		return NoticeManagement.reminderDraft(subject.length() > 200 ? subject.substring(0, 200) : subject,
				origin.text(), origin.emergency());
	}

	/**
	 * Moves the deadline of a released notice's confirmations and answers: later to take
	 * answers longer, or now to close them (the links then answer "closed"). Every node
	 * sees it within ten seconds, this one at once.
	 */
	@Transactional
	void changeDeadline(Staff staff, long noticeId, @Nullable Instant deadline) {
		Notice notice = management.released(staff, noticeId);
		if (!notice.askConfirmation() || notice.reminder()) {
			throw new NoticeException("notice.error.nothingToRemind");
		}
		Instant now = clock.instant();
		Instant when = deadline == null ? now : deadline;
		Instant before = management.closesAt(notice);
		if (!notices.changeDeadline(notice.id(), notice.bodyId(), when, now)) {
			throw new NoticeException("notice.error.notReleased");
		}
		confirmation.deadlineChanged(notice.noticeId());
		audit.record(AuditAction.NOTICE_DEADLINE_CHANGED, notice.bodyId(), "notice:" + notice.id(),
				cityTime.machine(before) + " -> " + cityTime.machine(when));
	}

	/**
	 * Sends the automatic reminders that are due: for each released notice with them, the
	 * n-th goes n intervals after the release, to those who have not answered yet, while
	 * the notice takes answers. The reminder was part of what was approved, so it goes
	 * without a new approval. Each is claimed by one update, so with several nodes it
	 * goes once. Returns how many reminders went.
	 */
	int remindDue() {
		Instant now = clock.instant();
		int sent = 0;
		for (Notice origin : notices.autoReminding()) {
			Instant due = origin.releasedAt()
				.plus(Duration.ofMinutes((long) origin.autoRemindMinutes() * (origin.remindersSent() + 1)));
			if (due.isAfter(now)) {
				continue;
			}
			try {
				Boolean went = transactions.execute(status -> autoRemind(origin, now));
				sent += Boolean.TRUE.equals(went) ? 1 : 0;
			}
			catch (NoticeException | DataAccessException ex) {
				// the notice changed meanwhile; the claim is rolled back and tried again
			}
		}
		return sent;
	}

	private boolean autoRemind(Notice origin, Instant now) {
		if (!notices.claimReminder(origin.id(), origin.remindersSent())) {
			return false;
		}
		if (!now.isBefore(management.closesAt(origin))
				|| delivery.countFollowUp(origin.noticeId(), confirmation.notYetConfirmed()) == 0
				|| !organization.permitted(origin.bodyId())) {
			return false;
		}
		Staff author = new Staff(origin.authorId(), "scheduler", "scheduler", Role.SENDER, origin.bodyId());
		long id = notices.insert(origin.bodyId(), origin.authorId(), reminderOf(origin), origin.id(), now);
		Notice reminder = notices.find(id, origin.bodyId()).orElseThrow();
		if (origin.approvedBy() != null) {
			// approved with its notice: the automatic reminder takes the notice's
			// approval
			notices.move(id, origin.bodyId(), reminder.takeApprovalOf(origin), now);
			reminder = notices.find(id, origin.bodyId()).orElseThrow();
		}
		audit.record(AuditAction.NOTICE_REMINDER_CREATED, origin.bodyId(), "notice:" + id,
				"automatic reminder " + (origin.remindersSent() + 1) + " of notice:" + origin.id());
		if (releases.needsApproval(reminder)) {
			// the body turned approval on after the notice went out unapproved: the
			// reminder waits as a draft for a person, instead of failing every 15 seconds
			return false;
		}
		releases.releaseNow(author, reminder, "as automatic reminder");
		return true;
	}

}
