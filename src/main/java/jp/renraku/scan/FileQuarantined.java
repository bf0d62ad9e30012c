package jp.renraku.scan;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded file was found infected and kept in quarantine; published inside the
 * transaction that keeps it, so whatever reacts (the incident) commits with it.
 *
 * @param quarantineId the quarantined file's id
 * @param bodyId the uploader's body, null for the system administrator
 * @param accountId the uploader's account
 * @param uploader the uploader's display name
 * @param fileName the file's name as uploaded
 * @param signature what clamd found
 */
public record FileQuarantined(long quarantineId, @Nullable Long bodyId, long accountId, String uploader,
		String fileName, String signature) {
}
