package jp.renraku.incident;

/**
 * Where an incident stands. Escalation to the CISO and outside contacts are recorded in
 * any open state. Message key {@code incident.state.NAME}.
 */
public enum IncidentState {

	/** Reported; the system administrator has not started on it. */
	REPORTED,
	/** The system administrator is investigating (Art. 12-2, 15-3). */
	INVESTIGATING,
	/** A recurrence-prevention plan is written (Art. 15-3). */
	PLANNED,
	/** Closed with a summary; notes and amendments are still recorded. */
	CLOSED;

	boolean open() {
		return this != CLOSED;
	}

}
