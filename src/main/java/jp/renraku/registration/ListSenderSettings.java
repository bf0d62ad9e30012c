package jp.renraku.registration;

import java.time.Clock;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The page of a list's own sender: reads and saves it, for the body's list only. */
@Service
class ListSenderSettings {

	private final RegistrationManagement registration;

	private final ListSenders senders;

	private final AuditTrail audit;

	private final Clock clock;

	ListSenderSettings(RegistrationManagement registration, ListSenders senders, AuditTrail audit, Clock clock) {
		this.registration = registration;
		this.senders = senders;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	ListSenderForm form(Staff staff, long listId) {
		return ListSenderForm.of(senders.find(registration.list(staff, listId).id()));
	}

	@Transactional
	void save(Staff staff, long listId, ListSenderForm form) {
		RegistrationList list = registration.list(staff, listId);
		senders.save(list.id(), form.toOverride(), clock.instant());
		audit.record(AuditAction.LIST_SENDER_CHANGED, list.bodyId(), "list:" + list.id(), null);
	}

}
