package jp.renraku.organization;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A usage permit (様式第2号, Art. 6-2): its number (fiscal year and serial, e.g. 2026-003),
 * issue date, conditions and period. A transitional permit (for bodies that used Renraku
 * before permits) has no application and no end.
 */
public record UsagePermit(long id, long bodyId, @Nullable Long applicationId, String number, LocalDate issuedOn,
		LocalDate validFrom, @Nullable LocalDate validUntil, @Nullable String conditions) {

	public boolean validOn(LocalDate day) {
		return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
	}

}
