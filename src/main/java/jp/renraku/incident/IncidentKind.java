package jp.renraku.incident;

/** What kind of incident. Message key {@code incident.kind.NAME}. */
public enum IncidentKind {

	LEAK, TAMPERING, SYSTEM_FAILURE, MALFUNCTION, INTRUSION, MIS_SENT, MALWARE, OTHER

}
