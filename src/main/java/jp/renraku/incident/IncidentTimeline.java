package jp.renraku.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes an incident's timeline: each entry, with its audit entry, either in the common
 * record every involved body sees or as one body's own; and the wording of entries that
 * quote the register. The register is kept in Japanese, like the mails about it.
 */
@Component
class IncidentTimeline {

	private final Incidents incidents;

	private final AuditTrail audit;

	private final Clock clock;

	private final MessageSource messages;

	private final BodyDirectory bodies;

	IncidentTimeline(Incidents incidents, AuditTrail audit, Clock clock, MessageSource messages, BodyDirectory bodies) {
		this.incidents = incidents;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
		this.bodies = bodies;
	}

	/** An entry of the common record, seen by every involved body. */
	void record(Staff staff, Incident incident, IncidentEvent.Kind kind, @Nullable String text, @Nullable String party,
			@Nullable String method, @Nullable Instant when) {
		recordFor(null, staff, incident, kind, text, party, method, when);
	}

	/**
	 * An entry of one body only ({@code bodyId}), or of the common record ({@code null}).
	 */
	void recordFor(@Nullable Long bodyId, Staff staff, Incident incident, IncidentEvent.Kind kind,
			@Nullable String text, @Nullable String party, @Nullable String method, @Nullable Instant when) {
		Instant now = clock.instant();
		incidents.addEvent(incident.id(), now, staff.accountId(), staff.displayName(), kind, text, party, method, when,
				bodyId);
		audit.record(AuditAction.INCIDENT_UPDATED, staff.bodyId(), "incident:" + incident.id(), kind.name());
	}

	/** What the report said before an amendment, worded for the timeline. */
	String previously(Incident before, String reason) {
		return String.join("\n", "[" + reason + "]",
				label("incident.kind")
						+ messages.getMessage("incident.kind." + before.kind().name(), null, Locale.JAPANESE),
				label("incident.subject") + before.title(), label("incident.description") + before.description(),
				label("incident.affectedPeople") + (before.affectedPeople() == null ? "-" : before.affectedPeople()),
				label("incident.measures") + (before.immediateMeasures() == null ? "-" : before.immediateMeasures()));
	}

	private String label(String key) {
		return messages.getMessage(key, null, Locale.JAPANESE) + ": ";
	}

	/** A body as the timeline names it. */
	String bodyName(long bodyId) {
		return bodies.namesById().getOrDefault(bodyId, String.valueOf(bodyId));
	}

}
