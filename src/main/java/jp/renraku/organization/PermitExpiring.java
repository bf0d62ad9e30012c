package jp.renraku.organization;

import java.time.LocalDate;

/**
 * A body's permit ends within 30 days: its operations managers and the system
 * administrators are told (by the account module, which knows their addresses).
 */
public record PermitExpiring(long bodyId, String bodyName, String permitNumber, LocalDate validUntil) {
}
