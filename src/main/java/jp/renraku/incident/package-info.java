/**
 * Incidents (Art. 12, 15): any staff member reports a leak, tampering, failure,
 * malfunction, intrusion or mis-sent mail; the system administrator is mailed at once and
 * leads the record through investigation, escalation to the CISO, outside contacts, a
 * recurrence-prevention plan and closure, and may ask a body for an investigation report
 * (Art. 12-2). Records are never deleted, only amended with history.
 * {@link jp.renraku.incident.IncidentManagement} is the module's API.
 */
@ApplicationModule(allowedDependencies = { "account", "audit", "common", "mail", "organization", "scan" })
@NullMarked
package jp.renraku.incident;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
