package jp.renraku.audit;

import org.jspecify.annotations.Nullable;

/**
 * Result of walking the whole chain.
 *
 * @param entriesChecked how many entries were read
 * @param firstBrokenSeq the first sequence number whose entry was altered, inserted or
 * follows a deleted one; {@code null} when the chain is intact
 */
public record AuditVerification(long entriesChecked, @Nullable Long firstBrokenSeq) {

	public boolean intact() {
		return firstBrokenSeq == null;
	}

}
