package jp.renraku.incident;

/**
 * Published when an incident is reported; the system administrators are mailed after
 * commit.
 */
record IncidentReported(long incidentId, IncidentKind kind, String title, String reporterName) {
}
