package jp.renraku.registration;

import java.time.Clock;
import java.util.List;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * The operations manager's work on the registrants of their body (Art. 4-2-3): search,
 * change, delete with a reason, approve or reject, resume mail that bounced. Reached
 * through {@link RegistrationManagement}, which holds the transactions; another body's
 * registrant is not found.
 */
@Component
class RegistrantAdministration {

	private final ListAdministration lists;

	private final Registrants registrants;

	private final RegistrationMails mails;

	private final AuditTrail audit;

	private final Clock clock;

	RegistrantAdministration(ListAdministration lists, Registrants registrants, RegistrationMails mails,
			AuditTrail audit, Clock clock) {
		this.lists = lists;
		this.registrants = registrants;
		this.mails = mails;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * One page of the list's registrants, and one more to tell whether a next page
	 * exists.
	 */
	List<Registrant> search(Staff staff, long listId, Registrants.Criteria criteria, int page) {
		RegistrationList list = lists.list(staff, listId);
		int size = RegistrationManagement.PAGE_SIZE;
		return registrants.search(list.bodyId(), list.id(), criteria, size + 1, Math.max(page, 0) * size);
	}

	RegistrantCounts counts(Staff staff, long listId) {
		RegistrationList list = lists.list(staff, listId);
		return registrants.countByState(list.bodyId(), list.id());
	}

	/** The tenancy guard for registrants: another body's registrant is not found. */
	Registrant registrant(Staff staff, long registrantId) {
		return registrants.findInBody(registrantId, staff.requireBody())
			.orElseThrow(() -> new NotFoundException("registrant " + registrantId));
	}

	void update(Staff staff, long registrantId, RegistrantDetails details) {
		Registrant registrant = registrant(staff, registrantId);
		registrants.update(registrant.id(), details, clock.instant());
		audit.record(AuditAction.REGISTRANT_UPDATED, registrant.bodyId(), "registrant:" + registrantId, "by staff");
	}

	/** Deletes with one of the list's deletion criteria (Art. 7 item 6) as the reason. */
	void delete(Staff staff, long registrantId, String reason) {
		Registrant registrant = registrant(staff, registrantId);
		RegistrationList list = lists.list(staff, registrant.listId());
		if (!list.deletionReasons().contains(reason)) {
			throw new RegistrationException("registrant.error.reason");
		}
		registrants.erase(registrant, "DELETED", clock.instant());
		audit.record(AuditAction.REGISTRANT_DELETED, registrant.bodyId(), "registrant:" + registrantId, reason);
	}

	void approve(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		if (!registrant.pending()) {
			throw new RegistrationException("registrant.error.notPending");
		}
		registrants.setState(registrant.id(), RegistrantState.ACTIVE, clock.instant());
		audit.record(AuditAction.REGISTRANT_APPROVED, registrant.bodyId(), "registrant:" + registrantId, null);
		mails.approved(registrant.email(), lists.list(staff, registrant.listId()), registrant.id(),
				registrants.linkNonce(registrant.id()).orElseThrow(), registrant.language());
	}

	void reject(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		if (!registrant.pending()) {
			throw new RegistrationException("registrant.error.notPending");
		}
		RegistrationList list = lists.list(staff, registrant.listId());
		registrants.erase(registrant, "REJECTED", clock.instant());
		audit.record(AuditAction.REGISTRANT_REJECTED, registrant.bodyId(), "registrant:" + registrantId, null);
		mails.rejected(registrant.email(), list, registrant.language());
	}

	/**
	 * The operations manager resumes mail to an address of their body that was stopped
	 * for bouncing (the resident said the mailbox works again); audited.
	 */
	void resumeBounced(Staff staff, long registrantId) {
		Registrant registrant = registrant(staff, registrantId);
		int resumed = registrants.resumeBounced(registrant.id(), registrant.bodyId());
		if (resumed > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_RESUMED, registrant.bodyId(), "registrant:" + registrant.id(),
					"registrations:" + resumed + " by operations manager");
		}
	}

}
