package jp.renraku.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.common.WorkHandover;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account module's API. Who may do what is decided here, not only in the pages: the
 * system administrator manages every account; an operations manager manages only the
 * senders of their own body, and another body's account is simply not found.
 */
@Service
public class AccountManagement {

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final SignInProperties properties;

	private final TemporaryPasswords temporaryPasswords = new TemporaryPasswords();

	private final OrganizationManagement organization;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ObjectProvider<WorkHandover> handovers;

	private final java.time.ZoneId zone;

	private final SignInThrottle throttle;

	private final LoginIdChecks loginIds;

	AccountManagement(Accounts accounts, PasswordEncoder encoder, PasswordPolicy policy, SignInProperties properties,
			OrganizationManagement organization, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
			ObjectProvider<WorkHandover> handovers, RenrakuProperties renraku, SignInThrottle throttle,
			LoginIdChecks loginIds) {
		this.throttle = throttle;
		this.loginIds = loginIds;
		this.handovers = handovers;
		this.zone = renraku.timeZone();
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.properties = properties;
		this.organization = organization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** Login IDs are compared in lower case: "Tanaka" and "tanaka" are one ID. */
	public static String normalizeLoginId(String loginId) {
		return loginId.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * Why the actor may not give this new login ID, as a message key, if they may not
	 * ({@link LoginIdChecks}: an operations manager learns nothing of other bodies).
	 */
	@Transactional
	public Optional<String> loginIdRefusal(Staff actor, String loginId) {
		return loginIds.refusal(actor, loginId);
	}

	@Transactional(readOnly = true)
	public Optional<StaffAccount> find(long accountId) {
		return accounts.find(accountId).map(this::shown);
	}

	/**
	 * The accounts the actor may see: all for the system administrator, their body's
	 * otherwise.
	 */
	@Transactional(readOnly = true)
	public List<StaffAccount> visibleTo(Staff actor) {
		return shown(actor.isSystemAdmin() ? accounts.all() : accounts.inBody(actor.requireBody()));
	}

	/**
	 * As the pages show them, with whether wrong passwords have locked some client out.
	 */
	private List<StaffAccount> shown(List<Account> found) {
		java.util.Set<String> locked = throttle.locked(found.stream().map(a -> a.loginId).toList());
		return found.stream().map(a -> StaffAccount.of(a, locked.contains(a.loginId))).toList();
	}

	private StaffAccount shown(Account account) {
		return shown(List.of(account)).get(0);
	}

	/** For the system administrator's page of one body. */
	@Transactional(readOnly = true)
	public List<StaffAccount> ofBody(long bodyId) {
		return shown(accounts.inBody(bodyId));
	}

	/** An account the actor may manage, or 404. */
	@Transactional(readOnly = true)
	public StaffAccount manageable(Staff actor, long accountId) {
		return shown(requireManageable(actor, accountId));
	}

	/** Creates the first system administrator when the database has no account at all. */
	@Transactional
	public Optional<IssuedPassword> bootstrapSystemAdmin(String loginId, String displayName) {
		if (accounts.any()) {
			return Optional.empty();
		}
		Staff console = new Staff(0, "system", "system", Role.SYSTEM_ADMIN, null);
		return Optional.of(create(console, new NewAccount(loginId, displayName, null), Role.SYSTEM_ADMIN, null));
	}

	/**
	 * Recovery from the server's console when no system administrator can sign in (the
	 * printed password was lost, or the only administrator is locked): issues a new
	 * one-time password to an existing system administrator account. Only whoever can
	 * start the server can do this.
	 */
	@Transactional
	public IssuedPassword resetSystemAdminFromConsole(String loginId) {
		Account account = accounts.findByLoginId(normalizeLoginId(loginId))
			.filter(a -> a.role == Role.SYSTEM_ADMIN && a.state != AccountState.RETIRED)
			.orElseThrow(() -> new AccountException("account.error.noSuchAdministrator"));
		Instant now = clock.instant();
		String password = temporaryPasswords.next();
		Instant expires = now.plus(properties.temporaryPasswordValidity());
		accounts.setTemporaryPassword(account.id, encoder.encode(password), expires, now);
		throttle.clear(account.loginId);
		audit.record(AuditAction.PASSWORD_RESET, null, "account:" + account.loginId, "from the server console");
		return new IssuedPassword(account.id, account.loginId, password, expires);
	}

	/**
	 * Art. 3-2-4, 3-2-5: the system administrator designates an operations manager of a
	 * body.
	 */
	@Transactional
	public IssuedPassword createOperationsManager(Staff actor, long bodyId, NewAccount account) {
		requireSystemAdmin(actor);
		organization.get(bodyId);
		return create(actor, account, Role.OPERATIONS_MANAGER, bodyId);
	}

	/** Art. 4-2-2: an operations manager appoints a sender of their own body. */
	@Transactional
	public IssuedPassword createSender(Staff actor, NewAccount account) {
		if (actor.role() != Role.OPERATIONS_MANAGER) {
			throw new AccountException("account.error.notAllowed");
		}
		return create(actor, account, Role.SENDER, actor.requireBody());
	}

	/**
	 * Another system administrator (a deputy); only a system administrator can create
	 * one.
	 */
	@Transactional
	public IssuedPassword createSystemAdmin(Staff actor, NewAccount account) {
		requireSystemAdmin(actor);
		return create(actor, account, Role.SYSTEM_ADMIN, null);
	}

	private IssuedPassword create(Staff actor, NewAccount account, Role role, @Nullable Long bodyId) {
		String loginId = normalizeLoginId(account.loginId());
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

	/**
	 * Art. 11-1-2: the account can no longer sign in; its history stays and its ID stays
	 * taken.
	 */
	@Transactional
	public void retire(Staff actor, long accountId) {
		retire(actor, accountId, null);
	}

	/**
	 * Retires an account. Its open work (drafts, notices waiting for approval or their
	 * time) goes to the given colleague of the same body first; an account with open work
	 * and nobody to take it is not retired, so nothing is orphaned.
	 */
	@Transactional
	public void retire(Staff actor, long accountId, @Nullable Long handOverTo) {
		Account account = requireManageable(actor, accountId);
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
						&& java.util.Objects.equals(c.bodyId, account.bodyId))
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

	/** How much open work the account holds (drafts and notices not yet sent). */
	@Transactional(readOnly = true)
	public int openWork(long accountId) {
		return handovers.stream().mapToInt(h -> h.openWork(accountId)).sum();
	}

	/**
	 * Art. 11-1-2: the date the holder is known to leave (retirement, transfer); after it
	 * an account still active is listed in the review. Null clears it.
	 */
	@Transactional
	public void setLeavesOn(Staff actor, long accountId, java.time.@Nullable LocalDate leavesOn) {
		Account account = requireManageable(actor, accountId);
		accounts.setLeavesOn(account.id, leavesOn, clock.instant());
		audit.record(AuditAction.ACCOUNT_UPDATED, account.bodyId, "account:" + account.loginId,
				"leaves-on:" + leavesOn);
	}

	/**
	 * Art. 11-1-2: the accounts the actor oversees that need a look: not used for the
	 * given days (never signed in counts from creation), password past its maximum age,
	 * or still active after the day their holder leaves.
	 */
	@Transactional(readOnly = true)
	public AccountReview review(Staff actor, int unusedDays) {
		Instant now = clock.instant();
		Instant unusedSince = now.minus(Duration.ofDays(unusedDays));
		Duration maxAge = properties.password().maxAge();
		java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
		List<StaffAccount> unused = new java.util.ArrayList<>();
		List<StaffAccount> expired = new java.util.ArrayList<>();
		List<StaffAccount> leaving = new java.util.ArrayList<>();
		List<Account> found = actor.isSystemAdmin() ? accounts.all() : accounts.inBody(actor.requireBody());
		java.util.Set<String> locked = throttle.locked(found.stream().map(a -> a.loginId).toList());
		for (Account a : found) {
			if (a.state == AccountState.RETIRED || a.id == actor.accountId()) {
				continue;
			}
			StaffAccount shown = StaffAccount.of(a, locked.contains(a.loginId));
			Instant lastUse = a.lastSignInAt != null ? a.lastSignInAt : a.createdAt;
			if (lastUse.isBefore(unusedSince)) {
				unused.add(shown);
			}
			if (!a.passwordTemporary && a.mustChangePassword(now, maxAge)) {
				expired.add(shown);
			}
			if (a.leavesOn != null && !a.leavesOn.isAfter(today)) {
				leaving.add(shown);
			}
		}
		return new AccountReview(unused, expired, leaving);
	}

	/**
	 * Issues a new one-time password; the holder must change it at first sign-in. Also
	 * reopens an account locked after a leak report or by failed attempts.
	 */
	@Transactional
	public IssuedPassword resetPassword(Staff actor, long accountId) {
		Account account = requireManageable(actor, accountId);
		if (account.state == AccountState.RETIRED) {
			throw new AccountException("account.error.alreadyRetired");
		}
		if (account.id == actor.accountId()) {
			throw new AccountException("account.error.resetSelf");
		}
		Instant now = clock.instant();
		String password = temporaryPasswords.next();
		Instant expires = now.plus(properties.temporaryPasswordValidity());
		accounts.setTemporaryPassword(account.id, encoder.encode(password), expires, now);
		audit.record(AuditAction.PASSWORD_RESET, account.bodyId, "account:" + account.loginId, null);
		return new IssuedPassword(account.id, account.loginId, password, expires);
	}

	/**
	 * Changes the name and e-mail address of an account the actor manages, or of their
	 * own.
	 */
	@Transactional
	public void updateProfile(Staff actor, long accountId, String displayName, @Nullable String email) {
		Account account = accountId == actor.accountId()
				? accounts.find(accountId).orElseThrow(() -> new NotFoundException("account"))
				: requireManageable(actor, accountId);
		accounts.setProfile(account.id, displayName, email, clock.instant());
		audit.record(AuditAction.ACCOUNT_UPDATED, account.bodyId, "account:" + account.loginId,
				account.displayName + " -> " + displayName);
	}

	/**
	 * Personnel change (Art. 11-1-2): moves a body's staff member to another body or
	 * role. The ID and its history stay with the person; entries already in the audit
	 * trail keep the body they were made for.
	 */
	@Transactional
	public void transfer(Staff actor, long accountId, long bodyId, Role role) {
		requireSystemAdmin(actor);
		Account account = requireManageable(actor, accountId);
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

	/** Ends a lockout after failed attempts before it runs out. */
	@Transactional
	public void unlock(Staff actor, long accountId) {
		Account account = requireManageable(actor, accountId);
		throttle.clear(account.loginId);
		audit.record(AuditAction.ACCOUNT_UNLOCKED, account.bodyId, "account:" + account.loginId, null);
	}

	/** For a lost phone: removes two-factor sign-in so the holder can enrol again. */
	@Transactional
	public void resetTotp(Staff actor, long accountId) {
		requireSystemAdmin(actor);
		Account account = requireManageable(actor, accountId);
		accounts.setTotp(account.id, null, false, clock.instant());
		audit.record(AuditAction.TOTP_DISABLED, account.bodyId, "account:" + account.loginId, "by administrator");
	}

	/**
	 * Changes the signed-in person's own password. Returns the rules it broke (as message
	 * keys); empty when the password was changed.
	 */
	@Transactional
	public List<PasswordPolicy.Violation> changePassword(Staff self, String currentPassword, String newPassword) {
		Account account = accounts.find(self.accountId()).orElseThrow(() -> new NotFoundException("account"));
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

	/**
	 * Ends every other session of the holder (a browser left signed in elsewhere); the
	 * caller keeps its own by taking the new epoch ({@link #sessionEpoch}).
	 */
	@Transactional
	public void endOtherSessions(Staff self) {
		Account account = accounts.find(self.accountId()).orElseThrow(() -> new NotFoundException("account"));
		accounts.endSessions(account.id);
		audit.record(AuditAction.SESSIONS_ENDED, account.bodyId, "account:" + account.loginId, null);
	}

	/** The value a session of the account must hold to stay signed in. */
	@Transactional(readOnly = true)
	public int sessionEpoch(long accountId) {
		return accounts.find(accountId).map(a -> a.sessionEpoch).orElse(-1);
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

	/**
	 * Art. 11-2-6: the holder reports that their password may have leaked. The account is
	 * locked at once until an administrator issues a new password; the system
	 * administrators are told.
	 */
	@Transactional
	public void reportLeak(Staff self, @Nullable String note) {
		Account account = accounts.find(self.accountId()).orElseThrow(() -> new NotFoundException("account"));
		accounts.setState(account.id, AccountState.LEAK_LOCKED, clock.instant());
		audit.record(AuditAction.PASSWORD_LEAK_REPORTED, account.bodyId, "account:" + account.loginId, note);
		events.publishEvent(new PasswordLeakReported(account.id, account.loginId, account.displayName, account.bodyId,
				note, clock.instant()));
	}

	@Transactional(readOnly = true)
	public boolean requireTotpForAdmins() {
		return accounts.requireTotpForAdmins();
	}

	@Transactional
	public void setRequireTotpForAdmins(Staff actor, boolean required) {
		requireSystemAdmin(actor);
		accounts.setRequireTotpForAdmins(required);
		audit.record(AuditAction.SIGN_IN_SETTING_CHANGED, null, "require-totp-for-admins", Boolean.toString(required));
	}

	/** The addresses of a body's active operations managers, for mail about the body. */
	@Transactional(readOnly = true)
	public List<String> operationsManagerEmails(long bodyId) {
		return accounts.inBody(bodyId)
			.stream()
			.filter(a -> a.state == AccountState.ACTIVE && a.role == Role.OPERATIONS_MANAGER)
			.map(a -> a.email)
			.filter(e -> e != null && !e.isBlank())
			.map(e -> (String) e)
			.toList();
	}

	public List<String> activeSystemAdminEmails() {
		return accounts.activeSystemAdmins()
			.stream()
			.map(a -> a.email)
			.filter(e -> e != null && !e.isBlank())
			.map(e -> (String) e)
			.toList();
	}

	private Account requireManageable(Staff actor, long accountId) {
		Optional<Account> found = switch (actor.role()) {
			case SYSTEM_ADMIN -> accounts.find(accountId);
			case OPERATIONS_MANAGER ->
				accounts.findInBody(accountId, actor.requireBody()).filter(a -> a.role == Role.SENDER);
			case SENDER -> Optional.empty();
		};
		return found.orElseThrow(() -> new NotFoundException("account " + accountId));
	}

	private static void requireSystemAdmin(Staff actor) {
		if (!actor.isSystemAdmin()) {
			throw new AccountException("account.error.notAllowed");
		}
	}

}
