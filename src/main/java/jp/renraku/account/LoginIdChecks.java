package jp.renraku.account;

import java.time.Duration;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.RateLimit;
import jp.renraku.common.RateLimits;
import jp.renraku.common.Staff;
import org.springframework.stereotype.Component;

/**
 * Whether a new login ID may be given, answered without telling an operations manager
 * about other bodies (issue 12). IDs are personal and city-wide (Art. 11-2-1: one person,
 * one ID, never reused), so a taken ID must be refused; to an operations manager the
 * refusal says only "this ID cannot be used", the same for an ID of their own body, of
 * another body or of someone retired, and after {@link #REFUSALS_PER_HOUR} refusals in an
 * hour every new ID is refused for a while, so that IDs cannot be tried one after
 * another. Each refusal is audited with its real reason. The system administrator, who
 * sees every account anyway, is told plainly that the ID is taken. The refusals are
 * counted city-wide ({@link RateLimits}, issue 18): a manager whose requests reach
 * several nodes gets the same ten an hour.
 */
@Component
class LoginIdChecks {

	static final int REFUSALS_PER_HOUR = 10;

	private static final RateLimit REFUSALS = new RateLimit("login-id-refusals", REFUSALS_PER_HOUR,
			Duration.ofHours(1));

	private final Accounts accounts;

	private final AuditTrail audit;

	private final RateLimits rates;

	LoginIdChecks(Accounts accounts, AuditTrail audit, RateLimits rates) {
		this.accounts = accounts;
		this.audit = audit;
		this.rates = rates;
	}

	/** The message key refusing the ID to the actor, if it is refused. */
	Optional<String> refusal(Staff actor, String typedLoginId) {
		String loginId = AccountManagement.normalizeLoginId(typedLoginId);
		if (actor.isSystemAdmin()) {
			return accounts.loginIdTaken(loginId) ? Optional.of("account.error.loginIdTaken") : Optional.empty();
		}
		RateLimit.Counter refusals = REFUSALS.of(Long.toString(actor.accountId()));
		if (rates.used(refusals)[0] >= REFUSALS_PER_HOUR) {
			audit.record(AuditAction.STAFF_ID_REFUSED, actor.bodyId(), "account:" + loginId, "too-many-checks");
			return Optional.of("account.error.loginIdChecksExhausted");
		}
		Optional<Long> owner = accounts.bodyOfLoginId(loginId);
		if (owner.isEmpty()) {
			return Optional.empty();
		}
		rates.count(refusals);
		audit.record(AuditAction.STAFF_ID_REFUSED, actor.bodyId(), "account:" + loginId,
				owner.get().equals(actor.bodyId()) ? "taken-in-own-body" : "taken-elsewhere");
		return Optional.of("account.error.loginIdUnavailable");
	}

}
