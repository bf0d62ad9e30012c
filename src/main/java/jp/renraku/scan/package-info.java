/**
 * Every uploaded file is scanned for malware before it is accepted (Art. 14, issue 20):
 * by ClamAV's {@code clamd} over its socket (INSTREAM), refused and kept in quarantine
 * for the system administrator when infected, refused when the scanner does not answer
 * (fail closed). {@link jp.renraku.scan.UploadScanning} is the API; a quarantined file is
 * announced as {@link jp.renraku.scan.FileQuarantined}, which the incident module turns
 * into an incident.
 */
@ApplicationModule(allowedDependencies = { "audit", "common" })
@NullMarked
package jp.renraku.scan;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
