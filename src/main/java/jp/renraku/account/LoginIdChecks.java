package jp.renraku.account;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
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
 * sees every account anyway, is told plainly that the ID is taken.
 */
@Component
class LoginIdChecks {

	static final int REFUSALS_PER_HOUR = 10;

	private final Accounts accounts;

	private final AuditTrail audit;

	private final Map<Long, Bucket> refusals = new ConcurrentHashMap<>();

	LoginIdChecks(Accounts accounts, AuditTrail audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	/** The message key refusing the ID to the actor, if it is refused. */
	Optional<String> refusal(Staff actor, String typedLoginId) {
		String loginId = AccountManagement.normalizeLoginId(typedLoginId);
		if (actor.isSystemAdmin()) {
			return accounts.loginIdTaken(loginId) ? Optional.of("account.error.loginIdTaken") : Optional.empty();
		}
		Bucket bucket = refusals.computeIfAbsent(actor.accountId(),
				id -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(REFUSALS_PER_HOUR)
						.refillGreedy(REFUSALS_PER_HOUR, Duration.ofHours(1))
						.build())
					.build());
		if (bucket.getAvailableTokens() <= 0) {
			audit.record(AuditAction.STAFF_ID_REFUSED, actor.bodyId(), "account:" + loginId, "too-many-checks");
			return Optional.of("account.error.loginIdChecksExhausted");
		}
		Optional<Long> owner = accounts.bodyOfLoginId(loginId);
		if (owner.isEmpty()) {
			return Optional.empty();
		}
		bucket.tryConsume(1);
		audit.record(AuditAction.STAFF_ID_REFUSED, actor.bodyId(), "account:" + loginId,
				owner.get().equals(actor.bodyId()) ? "taken-in-own-body" : "taken-elsewhere");
		return Optional.of("account.error.loginIdUnavailable");
	}

}
