package jp.renraku.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail as stored.
 */
public record AuditEntry(long seq, Instant occurredAt, @Nullable Long actorAccountId, @Nullable String actorLoginId,
		@Nullable Long bodyId, AuditAction action, @Nullable String target, @Nullable String detail,
		@Nullable String clientAddress, String prevHash, String entryHash) {

	/** The hash this entry must carry, given the fields and the previous entry's hash. */
	String computeHash() {
		return AuditHashing.hash(this);
	}

}
