package jp.renraku.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jp.renraku.account.AccountManagement;
import jp.renraku.account.StaffAccount;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Sender;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.NoticeId;
import jp.renraku.delivery.NoticeContent;
import jp.renraku.delivery.RecipientSelection;
import jp.renraku.organization.OrganizationManagement;
import jp.renraku.registration.CustomField;
import jp.renraku.registration.ListCategory;
import jp.renraku.registration.RegistrationList;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notice module's API: the notices of the staff member's own body (another body's is
 * "not found"), drafts and their audience, the exact recipient count and a test send to
 * the writer's own address. Releasing, approval and schedules are {@link NoticeReleases};
 * reminders and deadlines {@link NoticeReminders}; what recipients sent back is the
 * confirmation module's.
 */
@Service
public class NoticeManagement {

	private final Notices notices;

	private final RegistrationManagement registration;

	private final DeliveryManagement delivery;

	private final ConfirmationManagement confirmation;

	private final AccountManagement accounts;

	private final OrganizationManagement organization;

	private final MessageSource messages;

	private final AuditTrail audit;

	private final Clock clock;

	private final NoticePorts ports;

	NoticeManagement(Notices notices, RegistrationManagement registration, DeliveryManagement delivery,
			ConfirmationManagement confirmation, AccountManagement accounts, OrganizationManagement organization,
			MessageSource messages, AuditTrail audit, Clock clock, NoticePorts ports) {
		this.ports = ports;
		this.notices = notices;
		this.registration = registration;
		this.delivery = delivery;
		this.confirmation = confirmation;
		this.accounts = accounts;
		this.organization = organization;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Notice> notices(Staff staff) {
		return notices.ofBody(staff.requireBody());
	}

	/** The staff member's body's notice; another body's is "not found". */
	@Transactional(readOnly = true)
	public Notice notice(Staff staff, long noticeId) {
		return notices.find(noticeId, staff.requireBody()).orElseThrow(() -> new NotFoundException("notice"));
	}

	/** As {@link #notice}, refused unless it is released. */
	Notice released(Staff staff, long noticeId) {
		return notice(staff, noticeId).requireReleased();
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

	/**
	 * Something of the notice besides its form is about to change (a file, a version):
	 * the notice is locked as a draft again, its approval lapsed, in the caller's
	 * transaction; refused when it can no longer be changed.
	 */
	Notice changing(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (notice.reminder() || !notices.changed(notice.id(), notice.bodyId(), clock.instant())) {
			throw new NoticeException("notice.error.notDraft");
		}
		return notice;
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
	static NoticeDraft reminderDraft(String subject, String text, boolean emergency) {
		return new NoticeDraft(subject, text, emergency, List.of(), List.of(), List.of(), Map.of(), true, List.of(),
				null, 0, null, false);
	}

	/** Who the notice goes to, as one query of the registration module's. */
	RecipientSelection audience(Staff staff, Notice notice) {
		return registration.audience(staff, notice.listIds(), notice.categoryIds(), notice.affiliations(),
				notice.answers());
	}

	/** Until when a released notice takes confirmations and answers. */
	Instant closesAt(Notice notice) {
		Instant from = notice.releasedAt() != null ? notice.releasedAt() : clock.instant();
		return confirmation.closesAt(from, notice.answerDeadline());
	}

	/** The exact number of people the notice would reach now. */
	@Transactional(readOnly = true)
	public long recipientCount(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		if (notice.reminder()) {
			return delivery.countFollowUp(NoticeId.of(notice.remindOf()), confirmation.notYetConfirmed());
		}
		return delivery.count(audience(staff, notice));
	}

	/**
	 * Sends the notice to the writer's own address only, never to registrants, exactly as
	 * a recipient of its first list gets it (issue 14): the same sender, subject tag,
	 * footer and character set, with the writer's name in place of a registrant's and a
	 * note in place of the personal links.
	 */
	@Transactional
	void testSend(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		testSend(staff, notice, new NoticeContent(notice.subject(), notice.text(), notice.emergency(),
				notice.askConfirmation(), false));
	}

	/**
	 * As {@link #testSend(Staff, long)}, with this content: a version in another
	 * language.
	 */
	void testSend(Staff staff, Notice notice, NoticeContent content) {
		String email = accounts.find(staff.accountId()).map(StaffAccount::email).orElse(null);
		if (email == null || email.isBlank()) {
			throw new NoticeException("notice.error.noEmail");
		}
		Sender sender = registration.lists(staff)
			.stream()
			.filter(list -> notice.listIds().contains(list.id()))
			.findFirst()
			.map(registration::sender)
			.orElseGet(() -> organization.sender(notice.bodyId()));
		String note = messages.getMessage("notice.testLinkNote", null, Locale.JAPANESE);
		delivery.sendTest(notice.noticeId(), content.withFiles(ports.files(notice.id())), sender, email,
				staff.displayName(), note);
		notices.testSent(notice.id(), clock.instant());
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

	/** The reminders of a notice, oldest first. */
	@Transactional(readOnly = true)
	public List<Notice> reminders(Staff staff, long noticeId) {
		Notice notice = notice(staff, noticeId);
		return notices.remindersOf(notice.id(), notice.bodyId());
	}

}
