package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.common.WorkHandover;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What an administrator does to accounts they manage ({@link ManageableAccounts}): new
 * one-time passwords, unlocking, two-factor reset, profile, transfer, the leaving date
 * and retirement with hand-over of open work (Art. 11-1-2). Also the console's way back
 * in for a system administrator, and the system administrator's city-wide two-factor
 * setting.
 */
@Component
class AccountAdministration {

	private final Accounts accounts;

	private final ManageableAccounts manageable;

	private final PasswordEncoder encoder;

	private final SignInProperties properties;

	private final TemporaryPasswords temporaryPasswords = new TemporaryPasswords();

	private final SignInThrottle throttle;

	private final OrganizationManagement organization;

	private final ObjectProvider<WorkHandover> handovers;

	private final AuditTrail audit;

	private final Clock clock;

	AccountAdministration(Accounts accounts, ManageableAccounts manageable, PasswordEncoder encoder,
			SignInProperties properties, SignInThrottle throttle, OrganizationManagement organization,
			ObjectProvider<WorkHandover> handovers, AuditTrail audit, Clock clock) {
		this.accounts = accounts;
		this.manageable = manageable;
		this.encoder = encoder;
		this.properties = properties;
		this.throttle = throttle;
		this.organization = organization;
		this.handovers = handovers;
		this.audit = audit;
		this.clock = clock;
	}

	IssuedPassword resetSystemAdminFromConsole(String loginId) {
		Account account = accounts.findByLoginId(AccountManagement.normalizeLoginId(loginId))
			.filter(a -> a.role == Role.SYSTEM_ADMIN && a.state != AccountState.RETIRED)
			.orElseThrow(() -> new AccountException("account.error.noSuchAdministrator"));
		IssuedPassword issued = issueTemporaryPassword(account);
		throttle.clear(account.loginId);
		audit.record(AuditAction.PASSWORD_RESET, null, "account:" + account.loginId, "from the server console");
		return issued;
	}

	IssuedPassword resetPassword(Staff actor, long accountId) {
		Account account = manageable.require(actor, accountId);
		if (account.state == AccountState.RETIRED) {
			throw new AccountException("account.error.alreadyRetired");
		}
		if (account.id == actor.accountId()) {
			throw new AccountException("account.error.resetSelf");
		}
		IssuedPassword issued = issueTemporaryPassword(account);
		audit.record(AuditAction.PASSWORD_RESET, account.bodyId, "account:" + account.loginId, null);
		return issued;
	}

	/** A new one-time password; it also reopens an account locked after a leak report. */
	private IssuedPassword issueTemporaryPassword(Account account) {
		Instant now = clock.instant();
		String password = temporaryPasswords.next();
		Instant expires = now.plus(properties.temporaryPasswordValidity());
		accounts.setTemporaryPassword(account.id, encoder.encode(password), expires, now);
		return new IssuedPassword(account.id, account.loginId, password, expires);
	}

	void unlock(Staff actor, long accountId) {
		Account account = manageable.require(actor, accountId);
		throttle.clear(account.loginId);
		audit.record(AuditAction.ACCOUNT_UNLOCKED, account.bodyId, "account:" + account.loginId, null);
	}

	void resetTotp(Staff actor, long accountId) {
		ManageableAccounts.requireSystemAdmin(actor);
		Account account = manageable.require(actor, accountId);
		accounts.setTotp(account.id, null, false, clock.instant());
		audit.record(AuditAction.TOTP_DISABLED, account.bodyId, "account:" + account.loginId, "by administrator");
	}

	/** The actor's own profile, or that of an account they manage. */
	void updateProfile(Staff actor, long accountId, String displayName, @Nullable String email) {
		Account account = accountId == actor.accountId()
				? accounts.find(accountId).orElseThrow(() -> new NotFoundException("account"))
				: manageable.require(actor, accountId);
		accounts.setProfile(account.id, displayName, email, clock.instant());
		audit.record(AuditAction.ACCOUNT_UPDATED, account.bodyId, "account:" + account.loginId,
				account.displayName + " -> " + displayName);
	}

	void transfer(Staff actor, long accountId, long bodyId, Role role) {
		ManageableAccounts.requireSystemAdmin(actor);
		Account account = manageable.require(actor, accountId);
		if (!account.role.bodyBound() || !role.bodyBound()) {
			throw new AccountException("account.error.transferAdministrator");
		}
		if (account.state == AccountState.RETIRED) {
			throw new AccountException("account.error.alreadyRetired");
		}
		organization.get(bodyId);
		accounts.setPlacement(account.id, bodyId, role, clock.instant());
		audit.record(AuditAction.ACCOUNT_TRANSFERRED, bodyId, "account:" + account.loginId,
				"body:" + account.bodyId + "/" + account.role + " -> body:" + bodyId + "/" + role);
	}

	void setLeavesOn(Staff actor, long accountId, @Nullable LocalDate leavesOn) {
		Account account = manageable.require(actor, accountId);
		accounts.setLeavesOn(account.id, leavesOn, clock.instant());
		audit.record(AuditAction.ACCOUNT_UPDATED, account.bodyId, "account:" + account.loginId,
				"leaves-on:" + leavesOn);
	}

	/**
	 * Retires the account; its open work goes to the colleague first, and without one an
	 * account with open work stays, so that nothing is orphaned.
	 */
	void retire(Staff actor, long accountId, @Nullable Long handOverTo) {
		Account account = manageable.require(actor, accountId);
		if (account.id == actor.accountId()) {
			throw new AccountException("account.error.retireSelf");
		}
		if (account.state == AccountState.RETIRED) {
			throw new AccountException("account.error.alreadyRetired");
		}
		int open = openWork(account.id);
		String detail = null;
		if (handOverTo != null && open > 0) {
			Account colleague = accounts.find(handOverTo)
				.filter(c -> c.state == AccountState.ACTIVE && c.role != Role.SYSTEM_ADMIN && c.id != account.id
						&& Objects.equals(c.bodyId, account.bodyId))
				.orElseThrow(() -> new AccountException("account.error.handOverTarget"));
			int moved = handovers.stream().mapToInt(h -> h.handOver(account.id, colleague.id)).sum();
			detail = "handed-over:" + moved + " to:" + colleague.loginId;
		}
		else if (open > 0) {
			throw new AccountException("account.error.openWork");
		}
		accounts.setState(account.id, AccountState.RETIRED, clock.instant());
		audit.record(AuditAction.ACCOUNT_RETIRED, account.bodyId, "account:" + account.loginId, detail);
	}

	int openWork(long accountId) {
		return handovers.stream().mapToInt(h -> h.openWork(accountId)).sum();
	}

	/**
	 * The city-wide setting that system administrators and operations managers need
	 * two-factor sign-in.
	 */
	void setRequireTotpForAdmins(Staff actor, boolean required) {
		ManageableAccounts.requireSystemAdmin(actor);
		accounts.setRequireTotpForAdmins(required);
		audit.record(AuditAction.SIGN_IN_SETTING_CHANGED, null, "require-totp-for-admins", Boolean.toString(required));
	}

}
