package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * New accounts: the first system administrator, deputies, operations managers of a body
 * (Art. 3-2-4, 3-2-5) and senders (Art. 4-2-2). Each starts with a one-time password that
 * must be changed at first sign-in.
 */
@Component
class AccountCreation {

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final SignInProperties properties;

	private final TemporaryPasswords temporaryPasswords = new TemporaryPasswords();

	private final OrganizationManagement organization;

	private final AuditTrail audit;

	private final Clock clock;

	AccountCreation(Accounts accounts, PasswordEncoder encoder, SignInProperties properties,
			OrganizationManagement organization, AuditTrail audit, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.properties = properties;
		this.organization = organization;
		this.audit = audit;
		this.clock = clock;
	}

	/** The first system administrator, when the database has no account at all. */
	Optional<IssuedPassword> bootstrapSystemAdmin(String loginId, String displayName) {
		if (accounts.any()) {
			return Optional.empty();
		}
		Staff console = new Staff(0, "system", "system", Role.SYSTEM_ADMIN, null);
		return Optional.of(create(console, new NewAccount(loginId, displayName, null), Role.SYSTEM_ADMIN, null));
	}

	IssuedPassword createOperationsManager(Staff actor, long bodyId, NewAccount account) {
		ManageableAccounts.requireSystemAdmin(actor);
		organization.get(bodyId);
		return create(actor, account, Role.OPERATIONS_MANAGER, bodyId);
	}

	IssuedPassword createSender(Staff actor, NewAccount account) {
		if (actor.role() != Role.OPERATIONS_MANAGER) {
			throw new AccountException("account.error.notAllowed");
		}
		return create(actor, account, Role.SENDER, actor.requireBody());
	}

	IssuedPassword createSystemAdmin(Staff actor, NewAccount account) {
		ManageableAccounts.requireSystemAdmin(actor);
		return create(actor, account, Role.SYSTEM_ADMIN, null);
	}

	private IssuedPassword create(Staff actor, NewAccount account, Role role, @Nullable Long bodyId) {
		String loginId = AccountManagement.normalizeLoginId(account.loginId());
		if (accounts.loginIdTaken(loginId)) {
			throw new AccountException(
					actor.isSystemAdmin() ? "account.error.loginIdTaken" : "account.error.loginIdUnavailable");
		}
		Instant now = clock.instant();
		String password = temporaryPasswords.next();
		Instant expires = now.plus(properties.temporaryPasswordValidity());
		long id = accounts.insert(loginId, account.displayName(), account.email(), role, bodyId,
				encoder.encode(password), expires, now);
		audit.record(AuditAction.ACCOUNT_CREATED, bodyId, "account:" + loginId, role.name());
		return new IssuedPassword(id, loginId, password, expires);
	}

}
