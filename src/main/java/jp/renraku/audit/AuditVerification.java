package jp.renraku.audit;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * Result of walking the whole chain. Serializable: the audit page gets it as a flash
 * attribute, which waits in the session, and sessions live in the database.
 *
 * @param entriesChecked how many entries were read
 * @param firstBrokenSeq the first sequence number whose entry was altered, inserted or
 * follows a deleted one; {@code null} when the chain is intact
 */
public record AuditVerification(long entriesChecked, @Nullable Long firstBrokenSeq) implements Serializable {

	public boolean intact() {
		return firstBrokenSeq == null;
	}

}
