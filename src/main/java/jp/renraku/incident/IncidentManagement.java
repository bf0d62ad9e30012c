package jp.renraku.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident register's API. Any staff member reports; the system administrator sees
 * every incident and leads it; staff of an involved body see it, add notes and, as
 * operations managers, answer investigation requests. An incident another body's staff
 * asks for is "not found".
 */
@Service
public class IncidentManagement {

	private final Incidents incidents;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final IncidentTimeline entries;

	IncidentManagement(Incidents incidents, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
			IncidentTimeline entries) {
		this.incidents = incidents;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.entries = entries;
	}

	/**
	 * Records a report. A body's staff report for their own body; the system
	 * administrator names the bodies involved (none for a system-wide failure).
	 */
	@Transactional
	public long report(Staff staff, Incidents.Report report, List<Long> bodyIds) {
		Instant now = clock.instant();
		if (report.discoveredAt().isAfter(now.plusSeconds(300))) {
			throw new IncidentException("incident.error.discoveredInFuture");
		}
		Set<Long> bodies = new LinkedHashSet<>();
		if (staff.isSystemAdmin()) {
			bodies.addAll(bodyIds);
		}
		else {
			bodies.add(staff.requireBody());
		}
		long id = incidents.insert(report, staff.accountId(), bodies, now);
		incidents.addEvent(id, now, staff.accountId(), staff.displayName(), IncidentEvent.Kind.REPORTED, null, null,
				null, null, null);
		audit.record(AuditAction.INCIDENT_REPORTED, staff.bodyId(), "incident:" + id,
				report.kind().name() + " " + report.title());
		events.publishEvent(new IncidentReported(id, report.kind(), report.title(), staff.displayName()));
		return id;
	}

	@Transactional(readOnly = true)
	public List<Incident> visible(Staff staff) {
		return incidents.list(staff.isSystemAdmin() ? null : staff.requireBody());
	}

	@Transactional(readOnly = true)
	public Incident get(Staff staff, long id) {
		Incident incident = incidents.find(id).orElseThrow(() -> new NotFoundException("incident " + id));
		if (!staff.isSystemAdmin() && !incident.bodyIds().contains(staff.requireBody())) {
			throw new NotFoundException("incident " + id);
		}
		return incident;
	}

	/**
	 * The timeline a staff member may read: the system administrator every entry; a
	 * body's staff the common record and their own body's entries (its notes, the
	 * investigation report asked of it, its answer), never another involved body's.
	 */
	@Transactional(readOnly = true)
	public List<IncidentEvent> timeline(Staff staff, long id) {
		get(staff, id);
		return incidents.events(id, staff.isSystemAdmin() ? null : staff.requireBody());
	}

	/**
	 * The investigation requests of the incident a staff member may see: all, or their
	 * body's.
	 */
	@Transactional(readOnly = true)
	public List<InvestigationRequest> requests(Staff staff, long id) {
		get(staff, id);
		return incidents.requests(id)
			.stream()
			.filter(r -> staff.isSystemAdmin() || r.bodyId() == staff.requireBody())
			.toList();
	}

	/**
	 * The open investigation requests an operations manager must answer (home page
	 * tasks).
	 */
	@Transactional(readOnly = true)
	public List<InvestigationRequest> openRequests(Staff staff) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			return List.of();
		}
		return incidents.openRequests(staff.requireBody());
	}

	@Transactional
	public void startInvestigation(Staff admin, long id, @Nullable String note) {
		Incident incident = led(admin, id);
		if (incident.state() != IncidentState.REPORTED) {
			throw new IncidentException("incident.error.state");
		}
		incidents.setState(id, IncidentState.INVESTIGATING, clock.instant());
		entries.record(admin, incident, IncidentEvent.Kind.INVESTIGATION_STARTED, note, null, null, null);
	}

	/** Art. 15-2: the report to the CISO: who was told, how and when. */
	@Transactional
	public void escalate(Staff admin, long id, String ciso, String method, Instant when, @Nullable String note) {
		Incident incident = open(led(admin, id));
		incidents.markEscalated(id, when);
		entries.record(admin, incident, IncidentEvent.Kind.ESCALATED, note, ciso, method, when);
	}

	/**
	 * Art. 15-2: a contact with an outside agency (police, the personal-information
	 * commission, …).
	 */
	@Transactional
	public void contact(Staff admin, long id, String agency, String method, Instant when, @Nullable String note) {
		Incident incident = open(led(admin, id));
		entries.record(admin, incident, IncidentEvent.Kind.OUTSIDE_CONTACT, note, agency, method, when);
	}

	/**
	 * Art. 15-3: the recurrence-prevention plan (a later plan replaces it, both are
	 * kept).
	 */
	@Transactional
	public void plan(Staff admin, long id, String plan) {
		Incident incident = led(admin, id);
		if (incident.state() != IncidentState.INVESTIGATING && incident.state() != IncidentState.PLANNED) {
			throw new IncidentException("incident.error.state");
		}
		incidents.setState(id, IncidentState.PLANNED, clock.instant());
		entries.record(admin, incident, IncidentEvent.Kind.PLAN, plan, null, null, null);
	}

	@Transactional
	public void close(Staff admin, long id, String summary) {
		Incident incident = led(admin, id);
		if (incident.state() != IncidentState.INVESTIGATING && incident.state() != IncidentState.PLANNED) {
			throw new IncidentException("incident.error.state");
		}
		incidents.setState(id, IncidentState.CLOSED, clock.instant());
		entries.record(admin, incident, IncidentEvent.Kind.CLOSED, summary, null, null, null);
	}

	/**
	 * A note in the timeline, by anybody who can see the incident: the system
	 * administrator's is part of the common record, a body's staff's is seen by their
	 * body and the system administrator only.
	 */
	@Transactional
	public void note(Staff staff, long id, String text) {
		Incident incident = get(staff, id);
		entries.recordFor(staff.bodyId(), staff, incident, IncidentEvent.Kind.NOTE, text, null, null, null);
	}

	/**
	 * Changes the report; the timeline keeps what it said before. Only the reporter and
	 * the system administrator amend.
	 */
	@Transactional
	public void amend(Staff staff, long id, Incidents.Report report, String reason) {
		Incident before = get(staff, id);
		if (!staff.isSystemAdmin() && before.reportedBy() != staff.accountId()) {
			throw new IncidentException("incident.error.notReporter");
		}
		incidents.amend(id, report, clock.instant());
		entries.record(staff, before, IncidentEvent.Kind.AMENDED, entries.previously(before, reason), null, null, null);
	}

	/** Involves one more body: its staff then see the incident. */
	@Transactional
	public void addBody(Staff admin, long id, long bodyId) {
		Incident incident = led(admin, id);
		if (!incident.bodyIds().contains(bodyId)) {
			incidents.addBody(id, bodyId);
			entries.record(admin, incident, IncidentEvent.Kind.BODY_ADDED, entries.bodyName(bodyId), null, null, null);
		}
	}

	/**
	 * Art. 12-2: asks a body's operations managers for an investigation report. The body
	 * becomes involved if it was not.
	 */
	@Transactional
	public long requestReport(Staff admin, long id, long bodyId, String question, @Nullable LocalDate dueOn) {
		Incident incident = led(admin, id);
		if (!incident.bodyIds().contains(bodyId)) {
			incidents.addBody(id, bodyId);
		}
		long request = incidents.insertRequest(id, bodyId, question, dueOn, admin.accountId(), clock.instant());
		entries.recordFor(bodyId, admin, incident, IncidentEvent.Kind.REPORT_REQUESTED, question,
				entries.bodyName(bodyId), null, null);
		audit.record(AuditAction.INVESTIGATION_REQUESTED, bodyId, "incident:" + id, "request:" + request);
		return request;
	}

	/** An operations manager of the asked body answers; a request is answered once. */
	@Transactional
	public void answerReport(Staff manager, long requestId, String answer) {
		InvestigationRequest request = incidents.request(requestId)
			.orElseThrow(() -> new NotFoundException("request " + requestId));
		if (manager.role() != Role.OPERATIONS_MANAGER || request.bodyId() != manager.requireBody()) {
			throw new NotFoundException("request " + requestId);
		}
		if (!incidents.answer(requestId, answer, manager.accountId(), clock.instant())) {
			throw new IncidentException("incident.error.answered");
		}
		Incident incident = incidents.find(request.incidentId()).orElseThrow();
		entries.recordFor(request.bodyId(), manager, incident, IncidentEvent.Kind.REPORT_SUBMITTED, answer, null, null,
				null);
		audit.record(AuditAction.INVESTIGATION_REPORTED, manager.bodyId(), "incident:" + incident.id(),
				"request:" + requestId);
	}

	/** The incident, for the system administrator only (others get "not found"). */
	private Incident led(Staff staff, long id) {
		if (!staff.isSystemAdmin()) {
			throw new NotFoundException("incident " + id);
		}
		return get(staff, id);
	}

	private static Incident open(Incident incident) {
		if (!incident.open()) {
			throw new IncidentException("incident.error.state");
		}
		return incident;
	}

}
