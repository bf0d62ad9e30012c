package jp.renraku.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renraku.account.AccountManagement;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.delivery.DeliveryEngine;
import jp.renraku.delivery.DeliveryQueue;
import jp.renraku.delivery.Mailer;
import jp.renraku.delivery.NoticeContent;
import jp.renraku.delivery.NoticeContents;
import jp.renraku.delivery.OutgoingMail;
import jp.renraku.delivery.Placeholders;
import jp.renraku.delivery.RecipientSelection;
import jp.renraku.organization.OrganizationManagement;
import jp.renraku.registration.CustomField;
import jp.renraku.registration.ListCategory;
import jp.renraku.registration.RegistrationList;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notice module's API: drafts of the staff member's own body, the exact recipient
 * count, a test send to the writer's own address, and release to the delivery engine.
 * Also gives the engine the content of released notices.
 */
@Service
public class NoticeManagement implements NoticeContents {

	private final Notices notices;

	private final Receipts receipts;

	private final RegistrationManagement registration;

	private final DeliveryQueue queue;

	private final DeliveryEngine engine;

	private final AccountManagement accounts;

	private final Mailer mailer;

	private final MessageSource messages;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final java.time.ZoneId zone;

	private final OrganizationManagement organization;

	NoticeManagement(Notices notices, RegistrationManagement registration, DeliveryQueue queue, DeliveryEngine engine,
			AccountManagement accounts, Mailer mailer, MessageSource messages, AuditTrail audit,
			TransactionTemplate transactions, Clock clock, jp.renraku.common.RenrakuProperties properties,
			OrganizationManagement organization, Receipts receipts) {
		this.receipts = receipts;
		this.organization = organization;
		this.zone = properties.timeZone();
		this.notices = notices;
		this.registration = registration;
		this.queue = queue;
		this.engine = engine;
		this.accounts = accounts;
		this.mailer = mailer;
		this.messages = messages;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Notice> notices(Staff staff) {
		return notices.ofBody(staff.requireBody());
	}

	@Transactional(readOnly = true)
	public Notice notice(Staff staff, long noticeId) {
		return notices.find(noticeId, staff.requireBody()).orElseThrow(() -> new NotFoundException("notice"));
	}

	/** The body's lists a notice can go to. */
	@Transactional(readOnly = true)
	public List<RegistrationList> lists(Staff staff) {
		return registration.lists(staff);
	}

	@Transactional
	long create(Staff staff, NoticeDraft draft) {
		NoticeDraft own = ownAudience(staff, draft);
		long id = notices.insert(staff.requireBody(), staff.accountId(), own, clock.instant());
		audit.record(AuditAction.NOTICE_SAVED, staff.requireBody(), "notice:" + id, own.subject());
		return id;
	}

	@Transactional
	void update(Staff staff, long noticeId, NoticeDraft draft) {
		notice(staff, noticeId);
		NoticeDraft own = ownAudience(staff, draft);
		if (!notices.update(noticeId, staff.requireBody(), own, clock.instant())) {
			throw new NoticeException("notice.error.notDraft");
		}
		audit.record(AuditAction.NOTICE_SAVED, staff.requireBody(), "notice:" + noticeId, own.subject());
	}

	/** Keeps only lists and categories of the staff member's own body. */
	private NoticeDraft ownAudience(Staff staff, NoticeDraft draft) {
		Set<Long> lists = new HashSet<>();
		Set<Long> categories = new HashSet<>();
		Set<String> affiliations = new HashSet<>();
		Map<Long, List<String>> questions = new HashMap<>();
		for (RegistrationList list : registration.lists(staff)) {
			lists.add(list.id());
			list.categories().stream().map(ListCategory::id).forEach(categories::add);
			affiliations.addAll(list.affiliationOptions());
			list.customFields()
				.stream()
				.filter(CustomField::choice)
				.forEach(field -> questions.put(field.id(), field.options()));
		}
		Map<Long, List<String>> answers = new LinkedHashMap<>();
		draft.answers().forEach((field, chosen) -> {
			List<String> known = chosen.stream()
				.filter(answer -> questions.getOrDefault(field, List.of()).contains(answer))
				.distinct()
				.toList();
			if (!known.isEmpty()) {
				answers.put(field, known);
			}
		});
		return new NoticeDraft(draft.subject(), draft.text(), draft.emergency(),
				draft.listIds().stream().filter(lists::contains).distinct().toList(),
				draft.categoryIds().stream().filter(categories::contains).distinct().toList(),
				draft.affiliations().stream().filter(affiliations::contains).distinct().toList(), answers,
				draft.askConfirmation());
	}

	private RecipientSelection audience(Staff staff, Notice notice) {
		return registration.audience(staff, notice.listIds(), notice.categoryIds(), notice.affiliations(),
				notice.answers());
	}

	/** The exact number of people the notice would reach now. */
	@Transactional(readOnly = true)
	public long recipientCount(Staff staff, long noticeId) {
		return queue.count(audience(staff, notice(staff, noticeId)));
	}

	/**
	 * Sends the notice to the writer's own address only, never to registrants, with the
	 * writer's name in place of a registrant's and a note in place of the personal link.
	 */
	@Transactional(readOnly = true)
	void testSend(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		String email = accounts.find(staff.accountId()).map(a -> a.email()).orElse(null);
		if (email == null || email.isBlank()) {
			throw new NoticeException("notice.error.noEmail");
		}
		String note = messages.getMessage("notice.testLinkNote", null, Locale.JAPANESE);
		String subject = messages.getMessage("notice.testSubject",
				new Object[] {
						Placeholders.headerSafe(Placeholders.preview(notice.subject(), staff.displayName(), note)) },
				Locale.JAPANESE);
		mailer.send(new OutgoingMail(email, subject, Placeholders.preview(notice.text(), staff.displayName(), note)));
	}

	/** What pressing "send" did. */
	enum Release {

		SENT, APPROVAL_REQUESTED

	}

	/**
	 * Sends a notice now: one delivery row per recipient in one statement, then the
	 * engine is woken. Where the body requires approval, a routine notice that is not
	 * approved yet goes to approval instead; an emergency notice may go without, and that
	 * is recorded and shown.
	 */
	Release release(Staff staff, long noticeId) {
		Release result = transactions.execute(status -> {
			Notice notice = notice(staff, noticeId);
			if (!organization.permitted(notice.bodyId())) {
				// Art. 6: no usage permit valid today
				throw new NoticeException("notice.error.noPermit");
			}
			if (needsApproval(notice) && notice.draft()) {
				if (!notices.move(notice.id(), notice.bodyId(), NoticeState.DRAFT, NoticeState.PENDING_APPROVAL, null,
						clock.instant())) {
					throw new NoticeException("notice.error.notDraft");
				}
				audit.record(AuditAction.NOTICE_APPROVAL_REQUESTED, notice.bodyId(), "notice:" + notice.id(), null);
				return Release.APPROVAL_REQUESTED;
			}
			releaseNow(staff, notice, "by staff");
			return Release.SENT;
		});
		engine.wake();
		return result;
	}

	/** Routine notices of a body that requires approval need it; emergencies do not. */
	private boolean needsApproval(Notice notice) {
		return !notice.emergency() && notice.approvedBy() == null
				&& organization.get(notice.bodyId()).noticeApprovalRequired();
	}

	private long releaseNow(Staff actor, Notice notice, String how) {
		if (!notice.editable() && !notice.scheduled()) {
			throw new NoticeException("notice.error.notDraft");
		}
		if (needsApproval(notice)) {
			throw new NoticeException("notice.error.needsApproval");
		}
		boolean bypassed = notice.emergency() && notice.approvedBy() == null
				&& organization.get(notice.bodyId()).noticeApprovalRequired();
		Instant now = clock.instant();
		long recipients = queue.enqueue(notice.id(), notice.bodyId(), notice.emergency(), audience(actor, notice), now);
		if (!notices.markReleased(notice.id(), notice.bodyId(), actor.accountId(), (int) recipients, now)) {
			// another node released it first: this enqueue is rolled back with the
			// transaction
			throw new NoticeException("notice.error.notDraft");
		}
		if (bypassed) {
			notices.markBypassed(notice.id());
		}
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
		if (!notices.move(notice.id(), notice.bodyId(), NoticeState.PENDING_APPROVAL, NoticeState.APPROVED,
				staff.accountId(), clock.instant())) {
			throw new NoticeException("notice.error.notPending");
		}
		audit.record(AuditAction.NOTICE_APPROVED, notice.bodyId(), "notice:" + notice.id(), null);
	}

	/** Sends the notice back to its writer as a draft. */
	@Transactional
	void returnForChanges(Staff staff, long noticeId) {
		Notice notice = approvable(staff, noticeId);
		if (!notices.move(notice.id(), notice.bodyId(), NoticeState.PENDING_APPROVAL, NoticeState.DRAFT, null,
				clock.instant())) {
			throw new NoticeException("notice.error.notPending");
		}
		audit.record(AuditAction.NOTICE_RETURNED, notice.bodyId(), "notice:" + notice.id(), null);
	}

	private Notice approvable(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new NoticeException("notice.error.approverRole");
		}
		if (notice.authorId() == staff.accountId()) {
			throw new NoticeException("notice.error.ownNotice");
		}
		return notice;
	}

	/** Whether the body requires approval of routine notices (for the pages). */
	@Transactional(readOnly = true)
	public boolean approvalRequired(Staff staff) {
		return organization.get(staff.requireBody()).noticeApprovalRequired();
	}

	/** The operations manager turns approval on or off for their own body. */
	@Transactional
	void setApprovalRequired(Staff staff, boolean required) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new NoticeException("notice.error.approverRole");
		}
		organization.setNoticeApprovalRequired(staff.requireBody(), required);
	}

	/**
	 * Schedules a draft for a date and time in the city's time zone; the time must be
	 * ahead.
	 */
	@Transactional
	void schedule(Staff staff, long noticeId, java.time.LocalDateTime at) {
		Notice notice = notice(staff, noticeId);
		if (needsApproval(notice)) {
			throw new NoticeException("notice.error.needsApproval");
		}
		Instant when = at.atZone(zone).toInstant();
		if (!when.isAfter(clock.instant())) {
			throw new NoticeException("notice.error.scheduleInPast");
		}
		if (!notices.schedule(notice.id(), notice.bodyId(), when, clock.instant())) {
			throw new NoticeException("notice.error.notDraft");
		}
		audit.record(AuditAction.NOTICE_SCHEDULED, notice.bodyId(), "notice:" + notice.id(), at.toString());
	}

	/** Withdraws the schedule; the notice is a draft again. */
	@Transactional
	void unschedule(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (!notices.unschedule(notice.id(), notice.bodyId(), clock.instant())) {
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
			jp.renraku.common.Staff author = new jp.renraku.common.Staff(due.authorId(), "scheduler", "scheduler",
					jp.renraku.common.Role.SENDER, due.bodyId());
			try {
				transactions.executeWithoutResult(status -> releaseNow(author, due, "as scheduled"));
				released++;
			}
			catch (NoticeException | org.springframework.dao.DataAccessException ex) {
				// released by another node, or withdrawn meanwhile
			}
		}
		if (released > 0) {
			engine.wake();
		}
		return released;
	}

	/** Holds a released notice's waiting mail; what is being sent finishes. */
	@Transactional
	void pause(Staff staff, long noticeId) {
		Notice notice = released(staff, noticeId);
		int held = queue.pause(notice.id());
		audit.record(AuditAction.NOTICE_PAUSED, notice.bodyId(), "notice:" + notice.id(), "held:" + held);
	}

	void resume(Staff staff, long noticeId) {
		transactions.executeWithoutResult(status -> {
			Notice notice = released(staff, noticeId);
			int queued = queue.resume(notice.id(), clock.instant());
			audit.record(AuditAction.NOTICE_RESUMED, notice.bodyId(), "notice:" + notice.id(), "queued:" + queued);
		});
		engine.wake();
	}

	/** Sends the failed messages of a notice once more, after the cause was fixed. */
	void retryFailures(Staff staff, long noticeId) {
		transactions.executeWithoutResult(status -> {
			Notice notice = released(staff, noticeId);
			int queued = queue.retryFailed(notice.id(), clock.instant());
			audit.record(AuditAction.NOTICE_FAILURES_RETRIED, notice.bodyId(), "notice:" + notice.id(),
					"queued:" + queued);
		});
		engine.wake();
	}

	private Notice released(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (notice.state() != NoticeState.RELEASED) {
			throw new NoticeException("notice.error.notReleased");
		}
		return notice;
	}

	@Transactional(readOnly = true)
	public java.util.List<java.util.Map<String, Object>> failures(Staff staff, long noticeId) {
		notice(staff, noticeId);
		return queue.failures(noticeId, 100);
	}

	/** How many recipients confirmed receipt (Art. 5-2). */
	@Transactional(readOnly = true)
	public long confirmations(Staff staff, long noticeId) {
		notice(staff, noticeId);
		return receipts.count(noticeId);
	}

	@Transactional(readOnly = true)
	public DeliveryQueue.Progress progress(Staff staff, long noticeId) {
		notice(staff, noticeId);
		return queue.progress(noticeId, clock.instant());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoticeContent> content(long noticeId) {
		return notices.findReleased(noticeId)
			.map(n -> new NoticeContent(n.subject(), n.text(), n.emergency(), n.askConfirmation()));
	}

}
