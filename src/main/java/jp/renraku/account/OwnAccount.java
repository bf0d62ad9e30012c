package jp.renraku.account;

import java.time.Clock;
import java.util.List;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What the signed-in person does to their own account: change the password (with the
 * history rule, which needs the stored hashes), end their other sessions, report a leaked
 * password (Art. 11-2-6).
 */
@Component
class OwnAccount {

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OwnAccount(Accounts accounts, PasswordEncoder encoder, PasswordPolicy policy, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** The rules the new password broke (as message keys); empty when it was changed. */
	List<PasswordPolicy.Violation> changePassword(Staff self, String currentPassword, String newPassword) {
		Account account = holder(self);
		if (!encoder.matches(currentPassword, account.passwordHash)) {
			return List.of(new PasswordPolicy.Violation("password.error.currentWrong"));
		}
		List<PasswordPolicy.Violation> violations = policy.check(newPassword, account.loginId);
		if (!violations.isEmpty()) {
			return violations;
		}
		if (newPassword.equals(currentPassword) || usedBefore(account, newPassword)) {
			return List.of(new PasswordPolicy.Violation("password.rule.history", policy.rules().history()));
		}
		accounts.setChosenPassword(account.id, encoder.encode(newPassword), clock.instant());
		audit.record(AuditAction.PASSWORD_CHANGED, account.bodyId, "account:" + account.loginId, null);
		return List.of();
	}

	private boolean usedBefore(Account account, String newPassword) {
		int history = policy.rules().history();
		if (history == 0) {
			return false;
		}
		return accounts.recentPasswordHashes(account.id, history)
			.stream()
			.anyMatch(hash -> encoder.matches(newPassword, hash));
	}

	void endOtherSessions(Staff self) {
		Account account = holder(self);
		accounts.endSessions(account.id);
		audit.record(AuditAction.SESSIONS_ENDED, account.bodyId, "account:" + account.loginId, null);
	}

	int sessionEpoch(long accountId) {
		return accounts.find(accountId).map(a -> a.sessionEpoch).orElse(-1);
	}

	/** Locks the account at once and tells the system administrators (by the event). */
	void reportLeak(Staff self, @Nullable String note) {
		Account account = holder(self);
		accounts.setState(account.id, AccountState.LEAK_LOCKED, clock.instant());
		audit.record(AuditAction.PASSWORD_LEAK_REPORTED, account.bodyId, "account:" + account.loginId, note);
		events.publishEvent(new PasswordLeakReported(account.id, account.loginId, account.displayName, account.bodyId,
				note, clock.instant()));
	}

	private Account holder(Staff self) {
		return accounts.find(self.accountId()).orElseThrow(() -> new NotFoundException("account"));
	}

}
