package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs staff in. Every refusal gives the person the same answer, whether the ID does not
 * exist, the password or code is wrong, the client must wait or is locked out, or the
 * account is retired, so the answer never tells whether an ID exists; and every refusal
 * does the same work (one account lookup, one password hash, the same counting, one audit
 * entry), so its time does not tell either. The audit trail records the real reason. Only
 * an expired one-time password, which the person has just proved to know, is named.
 */
class StaffAuthenticationProvider implements AuthenticationProvider {

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final TotpCodes totp;

	private final SignInThrottle throttle;

	private final KnownDevices devices;

	private final LockoutNotifier notifier;

	private final AuditTrail audit;

	private final Clock clock;

	/** Hash checked for unknown IDs, so that they take as long as known ones. */
	private final String dummyHash;

	StaffAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, TotpCodes totp, SignInThrottle throttle,
			KnownDevices devices, LockoutNotifier notifier, AuditTrail audit, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.totp = totp;
		this.throttle = throttle;
		this.devices = devices;
		this.notifier = notifier;
		this.audit = audit;
		this.clock = clock;
		this.dummyHash = encoder.encode("renraku-timing-equaliser");
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String typedId = String.valueOf(authentication.getName());
		String loginId = AccountManagement.normalizeLoginId(typedId);
		String password = String.valueOf(authentication.getCredentials());
		SignInDetails details = authentication.getDetails() instanceof SignInDetails d ? d
				: new SignInDetails(null, "unknown", Map.of());
		Instant now = clock.instant();

		Optional<Account> found = loginId.isEmpty() ? Optional.empty() : accounts.findByLoginId(loginId);
		String loginKey = throttle.loginKey(loginId);
		SignInThrottle.Client client = throttle.client(details.clientAddress(),
				found.flatMap(a -> devices.recognise(a.id, details.deviceCookies(), now)));
		SignInThrottle.Refusal refusal = throttle.check(loginKey, client, now);
		boolean passwordMatches = encoder.matches(password, found.map(a -> a.passwordHash).orElse(dummyHash));

		Attempt attempt = new Attempt(found.orElse(null), found.isPresent() ? loginId : typedId, loginKey, client,
				details.clientAddress(), now);
		if (found.isEmpty()) {
			throw refuse(attempt, "unknown-id");
		}
		Account account = found.get();
		if (refusal != SignInThrottle.Refusal.NONE) {
			throw refuse(attempt, refusal.name().toLowerCase().replace('_', '-'));
		}
		if (account.state != AccountState.ACTIVE) {
			throw refuse(attempt, account.state.name().toLowerCase());
		}
		if (!passwordMatches) {
			throw refuse(attempt, "wrong-password");
		}
		if (account.totpEnabled && !totpAccepted(account, details.totpCode())) {
			throw refuse(attempt, "wrong-code");
		}
		if (account.temporaryExpired(now)) {
			audit.recordFor(account.id, account.loginId, AuditAction.SIGN_IN_FAILED, account.bodyId, null,
					"temporary-expired");
			throw new CredentialsExpiredException("temporary password expired");
		}
		throttle.succeeded(loginKey, client);
		accounts.signedIn(account.id, now);
		Staff staff = account.toStaff();
		audit.recordFor(account.id, account.loginId, AuditAction.SIGN_IN_SUCCEEDED, account.bodyId, null, null);
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(staff, null,
				List.of(new SimpleGrantedAuthority(staff.role().authority())));
		signedIn.setDetails(details.kept());
		return signedIn;
	}

	/** One try, as the refusals need it. */
	private record Attempt(@Nullable Account account, String loginId, String loginKey, SignInThrottle.Client client,
			String clientAddress, Instant at) {
	}

	private boolean totpAccepted(Account account, @Nullable String code) {
		if (account.totpSecret == null) {
			return false;
		}
		OptionalLong step = totp.matchingStep(account.totpSecret, code);
		return step.isPresent() && accounts.useTotpStep(account.id, step.getAsLong());
	}

	/**
	 * Counts the refusal for the client and the ID, records it, and says so to the holder
	 * when it locked something; the same steps for a known and an unknown ID.
	 */
	private AuthenticationException refuse(Attempt attempt, String reason) {
		Account account = attempt.account();
		Long accountId = account == null ? null : account.id;
		Long bodyId = account == null ? null : account.bodyId;
		SignInThrottle.Lock lock = throttle.failed(attempt.loginKey(), attempt.client(), attempt.at());
		audit.recordFor(accountId, attempt.loginId(), AuditAction.SIGN_IN_FAILED, bodyId, null, reason);
		if (lock != SignInThrottle.Lock.NONE) {
			audit.recordFor(accountId, attempt.loginId(), AuditAction.ACCOUNT_LOCKED_OUT, bodyId, null,
					lock == SignInThrottle.Lock.ACCOUNT ? "all-clients" : "one-client");
			if (account != null) {
				notifier.locked(account.id, lock, attempt.clientAddress(), attempt.at());
			}
		}
		return new BadCredentialsException("sign-in refused");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
