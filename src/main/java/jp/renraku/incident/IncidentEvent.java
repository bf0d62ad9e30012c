package jp.renraku.incident;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of an incident's timeline.
 *
 * @param party for an escalation, who was told (the CISO's name); for a contact, the
 * agency and person
 * @param method how (telephone, mail, meeting, document)
 * @param happenedAt when the escalation or contact took place, if not when it was
 * recorded
 * @param bodyId the one body whose entry this is (its note, the report asked of it, its
 * answer), seen only by that body's staff and the system administrator; {@code null} for
 * the common record every involved body sees
 */
public record IncidentEvent(long id, Instant at, long actorId, String actorName, Kind kind, @Nullable String text,
		@Nullable String party, @Nullable String method, @Nullable Instant happenedAt, @Nullable Long bodyId) {

	/** Message key {@code incident.event.NAME}. */
	public enum Kind {

		REPORTED, INVESTIGATION_STARTED, NOTE, ESCALATED, OUTSIDE_CONTACT, PLAN, CLOSED, AMENDED, BODY_ADDED,
		REPORT_REQUESTED, REPORT_SUBMITTED

	}

}
