package jp.renraku.audit;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Search criteria for the audit pages. Every field is optional.
 */
public record AuditQuery(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String actor,
		@Nullable AuditAction action) {

	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null);
	}

}
