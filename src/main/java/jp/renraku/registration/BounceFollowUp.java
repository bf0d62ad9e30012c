package jp.renraku.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Staff;
import jp.renraku.delivery.BounceRereading;
import jp.renraku.delivery.BounceTally;
import jp.renraku.delivery.DeliveryManagement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an operations manager does about mail that came back (issue 15): sees the
 * addresses stopped and why, the residents whose own filter refuses the city's mail (to
 * be told how to allow it), the body's bounces by reason; resumes an address stopped by
 * mistake; reads the kept bounces again after an upgrade, first as a dry run. Every step
 * is within the manager's own body.
 */
@Service
class BounceFollowUp {

	/** The bounces counted on the page: the last thirty days. */
	static final Duration TALLY = Duration.ofDays(30);

	private final BouncedRegistrants bounced;

	private final RegistrantAdministration registrants;

	private final DeliveryManagement delivery;

	private final AuditTrail audit;

	private final Clock clock;

	BounceFollowUp(BouncedRegistrants bounced, RegistrantAdministration registrants, DeliveryManagement delivery,
			AuditTrail audit, Clock clock) {
		this.bounced = bounced;
		this.registrants = registrants;
		this.delivery = delivery;
		this.audit = audit;
		this.clock = clock;
	}

	/** The body's bounced page. */
	record Overview(List<BouncedRegistrants.Bounced> stopped, List<BouncedRegistrants.Filtered> filtered,
			List<BounceTally> tally) {
	}

	/** A re-reading, with the addresses of the registrants it names. */
	record Rereading(BounceRereading result, Map<Long, String> emails) {

		public List<String> resumes() {
			return addresses(result.resumes());
		}

		public List<String> wouldStop() {
			return addresses(result.wouldStop());
		}

		public String email(long registrantId) {
			return emails.getOrDefault(registrantId, "");
		}

		private List<String> addresses(List<Long> ids) {
			return ids.stream().map(this::email).filter(e -> !e.isEmpty()).distinct().toList();
		}

	}

	@Transactional(readOnly = true)
	Overview overview(Staff staff) {
		long body = staff.requireBody();
		return new Overview(bounced.bounced(body), bounced.filtered(body),
				delivery.bounceTally(body, clock.instant().minus(TALLY)));
	}

	@Transactional
	void resume(Staff staff, long registrantId) {
		registrants.resumeBounced(staff, registrantId);
	}

	@Transactional
	void dismissFiltered(Staff staff, long registrantId) {
		Registrant registrant = registrants.registrant(staff, registrantId);
		int dismissed = bounced.dismissFiltered(registrant.id(), registrant.bodyId());
		if (dismissed > 0) {
			audit.record(AuditAction.REGISTRANT_FILTER_GUIDED, registrant.bodyId(), "registrant:" + registrant.id(),
					"registrations:" + dismissed);
		}
	}

	@Transactional
	Rereading reread(Staff staff, boolean apply) {
		long body = staff.requireBody();
		BounceRereading result = delivery.rereadBounces(body, apply);
		List<Long> ids = new ArrayList<>(result.resumes());
		ids.addAll(result.wouldStop());
		result.changes().forEach(change -> ids.add(change.registrantId()));
		if (apply) {
			audit.record(AuditAction.BOUNCES_REREAD, body, "body:" + body, "bounces:" + result.examined() + " changed:"
					+ result.changes().size() + " resumed:" + result.resumes().size());
		}
		return new Rereading(result, bounced.emails(body, ids.stream().distinct().toList()));
	}

}
