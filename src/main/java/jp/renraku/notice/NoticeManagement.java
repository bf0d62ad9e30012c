package jp.renraku.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import jp.renraku.registration.ExportPermissions;
import jp.renraku.registration.ExportRequest;
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

	private final NoticeResults results;

	private final ExportPermissions exports;

	private final ReleasedNotices releasedNotices;

	private final NoticeReplies noticeReplies;

	private final jp.renraku.common.CityTime cityTime;

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

	private final java.time.Duration receiptPeriod;

	NoticeManagement(Notices notices, RegistrationManagement registration, DeliveryQueue queue, DeliveryEngine engine,
			AccountManagement accounts, Mailer mailer, MessageSource messages, AuditTrail audit,
			TransactionTemplate transactions, Clock clock, jp.renraku.common.RenrakuProperties properties,
			OrganizationManagement organization, Receipts receipts, ReceiptProperties receiptProperties,
			NoticeResults results, jp.renraku.common.CityTime cityTime, ExportPermissions exports,
			ReleasedNotices releasedNotices, NoticeReplies noticeReplies) {
		this.noticeReplies = noticeReplies;
		this.releasedNotices = releasedNotices;
		this.exports = exports;
		this.results = results;
		this.cityTime = cityTime;
		this.receiptPeriod = receiptProperties.defaultPeriod();
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
		long id = notices.insert(staff.requireBody(), staff.accountId(), own, null, clock.instant());
		audit.record(AuditAction.NOTICE_SAVED, staff.requireBody(), "notice:" + id, own.subject());
		return id;
	}

	@Transactional
	void update(Staff staff, long noticeId, NoticeDraft draft) {
		Notice notice = notice(staff, noticeId);
		NoticeDraft own = notice.reminder() ? reminderDraft(draft.subject(), draft.text(), draft.emergency())
				: ownAudience(staff, draft);
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
				draft.askConfirmation(), draft.questions(), draft.answerDeadline(), draft.autoRemindTimes(),
				draft.autoRemindMinutes(), draft.trackOpens());
	}

	/**
	 * A reminder's draft: its own text; it asks for nothing itself — its links open the
	 * reminded notice's page — and its audience is who has not answered yet.
	 */
	private static NoticeDraft reminderDraft(String subject, String text, boolean emergency) {
		return new NoticeDraft(subject, text, emergency, List.of(), List.of(), List.of(), Map.of(), true, List.of(),
				null, 0, null, false);
	}

	/**
	 * Starts a reminder of a released notice that asks for confirmation: a draft of its
	 * own, to be checked and released like any notice (approval included), which goes to
	 * those who have not confirmed or answered the notice by then. A reminder of a
	 * reminder reminds of the first notice.
	 */
	@Transactional
	long remind(Staff staff, long noticeId) {
		Notice origin = root(released(staff, noticeId), staff);
		if (!origin.askConfirmation()) {
			throw new NoticeException("notice.error.nothingToRemind");
		}
		if (!clock.instant().isBefore(closesAt(origin))) {
			throw new NoticeException("notice.error.answersClosed");
		}
		long id = notices.insert(origin.bodyId(), staff.accountId(), reminderOf(origin), origin.id(), clock.instant());
		audit.record(AuditAction.NOTICE_REMINDER_CREATED, origin.bodyId(), "notice:" + id,
				"reminder of notice:" + origin.id());
		return id;
	}

	private Notice root(Notice notice, Staff staff) {
		return notice.reminder() ? notice(staff, notice.remindOf()) : notice;
	}

	private NoticeDraft reminderOf(Notice origin) {
		String subject = messages.getMessage("notice.reminderSubject", new Object[] { origin.subject() },
				Locale.JAPANESE);
		return reminderDraft(subject.length() > 200 ? subject.substring(0, 200) : subject, origin.text(),
				origin.emergency());
	}

	/**
	 * Moves the deadline of a released notice's confirmations and answers: later to take
	 * answers longer, or now to close them (the links then answer "closed"). Every node
	 * sees it within ten seconds, this one at once.
	 */
	@Transactional
	void changeDeadline(Staff staff, long noticeId, @org.jspecify.annotations.Nullable Instant deadline) {
		Notice notice = released(staff, noticeId);
		if (!notice.askConfirmation() || notice.reminder()) {
			throw new NoticeException("notice.error.nothingToRemind");
		}
		Instant now = clock.instant();
		Instant when = deadline == null ? now : deadline;
		Instant before = closesAt(notice);
		if (!notices.changeDeadline(notice.id(), notice.bodyId(), when, now)) {
			throw new NoticeException("notice.error.notReleased");
		}
		// after the commit, or a confirmation in between could keep the old deadline
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					releasedNotices.forget(notice.id());
				}
			});
		audit.record(AuditAction.NOTICE_DEADLINE_CHANGED, notice.bodyId(), "notice:" + notice.id(),
				cityTime.format(before) + " -> " + cityTime.format(when));
	}

	/** Until when a notice takes confirmations and answers. */
	Instant closesAt(Notice notice) {
		if (notice.answerDeadline() != null) {
			return notice.answerDeadline();
		}
		Instant from = notice.releasedAt() != null ? notice.releasedAt() : clock.instant();
		return from.plus(receiptPeriod);
	}

	private RecipientSelection audience(Staff staff, Notice notice) {
		return registration.audience(staff, notice.listIds(), notice.categoryIds(), notice.affiliations(),
				notice.answers());
	}

	/** The exact number of people the notice would reach now. */
	@Transactional(readOnly = true)
	public long recipientCount(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (notice.reminder()) {
			return queue.countFollowUp(notice.remindOf(), Receipts.PENDING);
		}
		return queue.count(audience(staff, notice));
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
		long recipients;
		if (notice.reminder()) {
			Notice origin = notices.find(notice.remindOf(), notice.bodyId()).orElseThrow();
			if (!now.isBefore(closesAt(origin))) {
				throw new NoticeException("notice.error.answersClosed");
			}
			recipients = queue.enqueueFollowUp(notice.id(), notice.bodyId(), notice.emergency(), origin.id(),
					Receipts.PENDING, now);
		}
		else {
			if (notice.answerDeadline() != null && !notice.answerDeadline().isAfter(now)) {
				throw new NoticeException("notice.error.deadlinePast");
			}
			recipients = queue.enqueue(notice.id(), notice.bodyId(), notice.emergency(), audience(actor, notice), now);
		}
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
		if (notice.answerDeadline() != null && !notice.answerDeadline().isAfter(when)) {
			throw new NoticeException("notice.error.deadlineBeforeSchedule");
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
			catch (NoticeException ex) {
				// released by another node or withdrawn meanwhile — or it cannot go any
				// more (its deadline passed, approval now needed): back to a draft, so
				// that
				// it is not tried for ever and its writer sees it
				transactions.executeWithoutResult(status -> {
					if (notices.unschedule(due.id(), due.bodyId(), clock.instant())) {
						audit.record(AuditAction.NOTICE_UNSCHEDULED, due.bodyId(), "notice:" + due.id(),
								"not released as scheduled: " + ex.messageKey());
					}
				});
			}
			catch (org.springframework.dao.DataAccessException ex) {
				// the database is unreachable: the next round tries again
			}
		}
		if (released > 0) {
			engine.wake();
		}
		return released;
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
				.plus(java.time.Duration.ofMinutes((long) origin.autoRemindMinutes() * (origin.remindersSent() + 1)));
			if (due.isAfter(now)) {
				continue;
			}
			try {
				Boolean went = transactions.execute(status -> autoRemind(origin, now));
				sent += Boolean.TRUE.equals(went) ? 1 : 0;
			}
			catch (NoticeException | org.springframework.dao.DataAccessException ex) {
				// the notice changed meanwhile; the claim is rolled back and tried again
			}
		}
		if (sent > 0) {
			engine.wake();
		}
		return sent;
	}

	private boolean autoRemind(Notice origin, Instant now) {
		if (!notices.claimReminder(origin.id(), origin.remindersSent())) {
			return false;
		}
		if (!now.isBefore(closesAt(origin)) || queue.countFollowUp(origin.id(), Receipts.PENDING) == 0
				|| !organization.permitted(origin.bodyId())) {
			return false;
		}
		Staff author = new Staff(origin.authorId(), "scheduler", "scheduler", Role.SENDER, origin.bodyId());
		long id = notices.insert(origin.bodyId(), origin.authorId(), reminderOf(origin), origin.id(), now);
		if (origin.approvedBy() != null) {
			notices.move(id, origin.bodyId(), NoticeState.DRAFT, NoticeState.APPROVED, origin.approvedBy(), now);
		}
		Notice reminder = notices.find(id, origin.bodyId()).orElseThrow();
		audit.record(AuditAction.NOTICE_REMINDER_CREATED, origin.bodyId(), "notice:" + id,
				"automatic reminder " + (origin.remindersSent() + 1) + " of notice:" + origin.id());
		if (needsApproval(reminder)) {
			// the body turned approval on after the notice went out unapproved: the
			// reminder waits as a draft for a person, instead of failing every 15 seconds
			return false;
		}
		releaseNow(author, reminder, "as automatic reminder");
		return true;
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

	/**
	 * What a notice's recipients sent back: the figures, the breakdowns by list, category
	 * and affiliation, and each question's tally.
	 */
	public record Results(long sent, long confirmed, long answered, @org.jspecify.annotations.Nullable Long opened,
			List<NoticeResults.Group> byList, List<NoticeResults.Group> byCategory,
			List<NoticeResults.Group> byAffiliation, Map<Integer, Map<String, Long>> tallies, Instant closesAt) {

		public long pending() {
			return Math.max(0, sent - confirmed);
		}

		public long percent(long part) {
			return sent == 0 ? 0 : part * 100 / sent;
		}

	}

	@Transactional(readOnly = true)
	public Results results(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		var columns = registration.registrantColumns(notice.bodyId());
		List<NoticeResults.Group> byList = results.breakdown(notice.id(), columns, "list_name");
		long sent = byList.stream().mapToLong(NoticeResults.Group::sent).sum();
		return new Results(sent, receipts.count(notice.id()), receipts.answered(notice.id()),
				notice.trackOpens() ? receipts.opened(notice.id()) : null, byList,
				results.breakdown(notice.id(), registration.registrantCategories(notice.bodyId()), "category_name"),
				results.breakdown(notice.id(), columns, "affiliation"),
				results.tallies(notice.id(), notice.questions()), closesAt(notice));
	}

	/** A page of recipients of the notice, with what they sent back. */
	public record RecipientPage(List<NoticeResults.Recipient> recipients, long total, int page, int pageSize) {

		public boolean hasNext() {
			return (long) (page + 1) * pageSize < total;
		}

	}

	/**
	 * A page of the notice's recipients with names and addresses: personal information on
	 * screen, so each page shown is in the audit trail.
	 */
	@Transactional
	RecipientPage recipients(Staff staff, long noticeId, NoticeResults.Show show, int page) {
		Notice notice = notice(staff, noticeId);
		audit.record(AuditAction.NOTICE_RECIPIENTS_VIEWED, notice.bodyId(), "notice:" + notice.id(),
				show.name() + " page:" + page);
		var columns = registration.registrantColumns(notice.bodyId());
		int size = 100;
		// far past the end is simply empty, not an overflowing offset
		int from = Math.min(Math.max(0, page), 1_000_000);
		return new RecipientPage(results.recipients(notice.id(), columns, show, from * size, size),
				results.count(notice.id(), columns, show), from, size);
	}

	/**
	 * Requests permission (Art. 10-4) to take the results of a notice out as CSV; an
	 * operations manager asks, another decides on the export page.
	 */
	@Transactional
	long requestResultsExport(Staff staff, long noticeId, String purpose, String scope) {
		Notice notice = notice(staff, noticeId);
		return exports.requestResults(staff, notice.id(), notice.subject(), purpose, scope);
	}

	/** The export requests of the notice's results. */
	@Transactional(readOnly = true)
	public List<ExportRequest> resultsExports(Staff staff, long noticeId) {
		return exports.ofNotice(staff, notice(staff, noticeId).id());
	}

	/**
	 * Counts one download of the requester's approved request for this notice's results,
	 * or refuses with the reason (a
	 * {@link jp.renraku.registration.RegistrationException}).
	 */
	ExportRequest startResultsDownload(Staff staff, long noticeId, long requestId) {
		Notice notice = notice(staff, noticeId);
		ExportRequest request = exports.get(staff, requestId);
		if (!Long.valueOf(notice.id()).equals(request.noticeId())) {
			throw new NotFoundException("export " + requestId + " of notice " + noticeId);
		}
		return exports.startDownload(staff, requestId);
	}

	/**
	 * Writes every recipient and their answers as CSV (Excel-ready: formula cells
	 * neutralised), in pages, and records it in the audit trail with the row count.
	 */
	@Transactional
	public long writeResults(Staff staff, long noticeId, ExportRequest request, java.io.Writer out)
			throws java.io.IOException {
		Notice notice = notice(staff, noticeId);
		org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(out,
				org.apache.commons.csv.CSVFormat.EXCEL);
		List<String> header = new java.util.ArrayList<>(List.of("氏名", "メールアドレス", "配信リスト", "所属", "受信確認日時", "回答日時"));
		notice.questions().forEach(question -> header.add("問" + question.position() + " " + question.label()));
		printer.printRecord(header.stream().map(jp.renraku.common.CsvCells::neutralised).toList());
		long[] rows = { 0 };
		results.each(notice.id(), registration.registrantColumns(notice.bodyId()), recipient -> {
			List<String> cells = new java.util.ArrayList<>(List.of(Objects.toString(recipient.name(), ""),
					recipient.email(), recipient.listName(), Objects.toString(recipient.affiliation(), ""),
					cityTime.format(recipient.confirmedAt()), cityTime.format(recipient.answeredAt())));
			notice.questions().forEach(question -> cells.add(recipient.answer(question.position())));
			try {
				printer.printRecord(cells.stream().map(jp.renraku.common.CsvCells::neutralised).toList());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			rows[0]++;
		});
		printer.flush();
		audit.record(AuditAction.NOTICE_RESULTS_EXPORTED, notice.bodyId(), "notice:" + notice.id(), "rows:" + rows[0]
				+ " export:" + request.id() + " download:" + request.downloads() + "/" + request.maxDownloads());
		return rows[0];
	}

	/** Replies to the notice's mail, newest first (the last 200). */
	@Transactional(readOnly = true)
	List<NoticeReplies.Reply> replies(Staff staff, long noticeId) {
		return noticeReplies.of(notice(staff, noticeId).id(), 200);
	}

	/** The reminders of a notice, oldest first. */
	@Transactional(readOnly = true)
	public List<Notice> reminders(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		return notices.remindersOf(notice.id(), notice.bodyId());
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
			.map(n -> new NoticeContent(n.subject(), n.text(), n.emergency(), n.askConfirmation(), n.trackOpens()));
	}

}
