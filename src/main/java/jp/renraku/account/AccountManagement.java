package jp.renraku.account;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account module's API. Who may do what is decided here, not only in the pages: the
 * system administrator manages every account; an operations manager manages only the
 * senders of their own body, and another body's account is simply not found
 * ({@link ManageableAccounts}). Each call is one transaction; the work is done by
 * {@link AccountCreation} (new accounts), {@link AccountAdministration} (accounts one
 * manages), {@link AccountReviews} (the review) and {@link OwnAccount} (the holder's own
 * password, sessions and leak report).
 */
@Service
public class AccountManagement {

	private final Accounts accounts;

	private final SignInThrottle throttle;

	private final LoginIdChecks loginIds;

	private final ManageableAccounts manageable;

	private final AccountCreation creation;

	private final AccountAdministration administration;

	private final AccountReviews reviews;

	private final OwnAccount own;

	AccountManagement(Accounts accounts, SignInThrottle throttle, LoginIdChecks loginIds, ManageableAccounts manageable,
			AccountCreation creation, AccountAdministration administration, AccountReviews reviews, OwnAccount own) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.loginIds = loginIds;
		this.manageable = manageable;
		this.creation = creation;
		this.administration = administration;
		this.reviews = reviews;
		this.own = own;
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
		Set<String> locked = throttle.locked(found.stream().map(a -> a.loginId).toList());
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
		return shown(manageable.require(actor, accountId));
	}

	/** Creates the first system administrator when the database has no account at all. */
	@Transactional
	public Optional<IssuedPassword> bootstrapSystemAdmin(String loginId, String displayName) {
		return creation.bootstrapSystemAdmin(loginId, displayName);
	}

	/**
	 * Recovery from the server's console when no system administrator can sign in (the
	 * printed password was lost, or the only administrator is locked): issues a new
	 * one-time password to an existing system administrator account. Only whoever can
	 * start the server can do this.
	 */
	@Transactional
	public IssuedPassword resetSystemAdminFromConsole(String loginId) {
		return administration.resetSystemAdminFromConsole(loginId);
	}

	/**
	 * Art. 3-2-4, 3-2-5: the system administrator designates an operations manager of a
	 * body.
	 */
	@Transactional
	public IssuedPassword createOperationsManager(Staff actor, long bodyId, NewAccount account) {
		return creation.createOperationsManager(actor, bodyId, account);
	}

	/** Art. 4-2-2: an operations manager appoints a sender of their own body. */
	@Transactional
	public IssuedPassword createSender(Staff actor, NewAccount account) {
		return creation.createSender(actor, account);
	}

	/**
	 * Another system administrator (a deputy); only a system administrator can create
	 * one.
	 */
	@Transactional
	public IssuedPassword createSystemAdmin(Staff actor, NewAccount account) {
		return creation.createSystemAdmin(actor, account);
	}

	/**
	 * Art. 11-1-2: the account can no longer sign in; its history stays and its ID stays
	 * taken.
	 */
	@Transactional
	public void retire(Staff actor, long accountId) {
		administration.retire(actor, accountId, null);
	}

	/**
	 * Retires an account. Its open work (drafts, notices waiting for approval or their
	 * time) goes to the given colleague of the same body first; an account with open work
	 * and nobody to take it is not retired, so nothing is orphaned.
	 */
	@Transactional
	public void retire(Staff actor, long accountId, @Nullable Long handOverTo) {
		administration.retire(actor, accountId, handOverTo);
	}

	/** How much open work the account holds (drafts and notices not yet sent). */
	@Transactional(readOnly = true)
	public int openWork(long accountId) {
		return administration.openWork(accountId);
	}

	/**
	 * Art. 11-1-2: the date the holder is known to leave (retirement, transfer); after it
	 * an account still active is listed in the review. Null clears it.
	 */
	@Transactional
	public void setLeavesOn(Staff actor, long accountId, @Nullable LocalDate leavesOn) {
		administration.setLeavesOn(actor, accountId, leavesOn);
	}

	/**
	 * Art. 11-1-2: the accounts the actor oversees that need a look: not used for the
	 * given days (never signed in counts from creation), password past its maximum age,
	 * or still active after the day their holder leaves.
	 */
	@Transactional(readOnly = true)
	public AccountReview review(Staff actor, int unusedDays) {
		return reviews.review(actor, unusedDays);
	}

	/**
	 * Issues a new one-time password; the holder must change it at first sign-in. Also
	 * reopens an account locked after a leak report or by failed attempts.
	 */
	@Transactional
	public IssuedPassword resetPassword(Staff actor, long accountId) {
		return administration.resetPassword(actor, accountId);
	}

	/**
	 * Changes the name and e-mail address of an account the actor manages, or of their
	 * own.
	 */
	@Transactional
	public void updateProfile(Staff actor, long accountId, String displayName, @Nullable String email) {
		administration.updateProfile(actor, accountId, displayName, email);
	}

	/**
	 * Personnel change (Art. 11-1-2): moves a body's staff member to another body or
	 * role. The ID and its history stay with the person; entries already in the audit
	 * trail keep the body they were made for.
	 */
	@Transactional
	public void transfer(Staff actor, long accountId, long bodyId, Role role) {
		administration.transfer(actor, accountId, bodyId, role);
	}

	/** Ends a lockout after failed attempts before it runs out. */
	@Transactional
	public void unlock(Staff actor, long accountId) {
		administration.unlock(actor, accountId);
	}

	/** For a lost phone: removes two-factor sign-in so the holder can enrol again. */
	@Transactional
	public void resetTotp(Staff actor, long accountId) {
		administration.resetTotp(actor, accountId);
	}

	/**
	 * Changes the signed-in person's own password. Returns the rules it broke (as message
	 * keys); empty when the password was changed.
	 */
	@Transactional
	public List<PasswordPolicy.Violation> changePassword(Staff self, String currentPassword, String newPassword) {
		return own.changePassword(self, currentPassword, newPassword);
	}

	/**
	 * Ends every other session of the holder (a browser left signed in elsewhere); the
	 * caller keeps its own by taking the new epoch ({@link #sessionEpoch}).
	 */
	@Transactional
	public void endOtherSessions(Staff self) {
		own.endOtherSessions(self);
	}

	/** The value a session of the account must hold to stay signed in. */
	@Transactional(readOnly = true)
	public int sessionEpoch(long accountId) {
		return own.sessionEpoch(accountId);
	}

	/**
	 * Art. 11-2-6: the holder reports that their password may have leaked. The account is
	 * locked at once until an administrator issues a new password; the system
	 * administrators are told.
	 */
	@Transactional
	public void reportLeak(Staff self, @Nullable String note) {
		own.reportLeak(self, note);
	}

	@Transactional(readOnly = true)
	public boolean requireTotpForAdmins() {
		return accounts.requireTotpForAdmins();
	}

	@Transactional
	public void setRequireTotpForAdmins(Staff actor, boolean required) {
		administration.setRequireTotpForAdmins(actor, required);
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

}
