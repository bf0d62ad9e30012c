package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * exist, the password or code is wrong, the account is locked out or retired, so the
 * answer never tells whether an ID exists. The audit trail records the real reason. Only
 * an expired one-time password, which the person has just proved to know, is named.
 */
class StaffAuthenticationProvider implements AuthenticationProvider {

	private final Accounts accounts;

	private final PasswordEncoder encoder;

	private final TotpCodes totp;

	private final SignInProperties properties;

	private final AuditTrail audit;

	private final Clock clock;

	/** Hash checked for unknown IDs, so that they take as long as known ones. */
	private final String dummyHash;

	StaffAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, TotpCodes totp, SignInProperties properties,
			AuditTrail audit, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.totp = totp;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
		this.dummyHash = encoder.encode("renraku-timing-equaliser");
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String typedId = String.valueOf(authentication.getName());
		String loginId = AccountManagement.normalizeLoginId(typedId);
		String password = String.valueOf(authentication.getCredentials());
		SignInDetails details = authentication.getDetails() instanceof SignInDetails d ? d : new SignInDetails(null);
		Instant now = clock.instant();

		Optional<Account> found = loginId.isEmpty() ? Optional.empty() : accounts.findByLoginId(loginId);
		if (found.isEmpty()) {
			encoder.matches(password, dummyHash);
			throw refuse(null, typedId, null, "unknown-id");
		}
		Account account = found.get();
		boolean passwordMatches = encoder.matches(password, account.passwordHash);
		if (account.state != AccountState.ACTIVE) {
			throw refuse(account, loginId, null, account.state.name().toLowerCase());
		}
		if (account.lockedOut(now)) {
			throw refuse(account, loginId, null, "locked-out");
		}
		if (!passwordMatches) {
			countFailure(account, now);
			throw refuse(account, loginId, null, "wrong-password");
		}
		if (account.totpEnabled && !totpAccepted(account, details.totpCode())) {
			countFailure(account, now);
			throw refuse(account, loginId, null, "wrong-code");
		}
		if (account.temporaryExpired(now)) {
			throw refuse(account, loginId, new CredentialsExpiredException("temporary password expired"),
					"temporary-expired");
		}
		accounts.signedIn(account.id, now);
		Staff staff = account.toStaff();
		audit.recordFor(account.id, account.loginId, AuditAction.SIGN_IN_SUCCEEDED, account.bodyId, null, null);
		return UsernamePasswordAuthenticationToken.authenticated(staff, null,
				List.of(new SimpleGrantedAuthority(staff.role().authority())));
	}

	private boolean totpAccepted(Account account, @Nullable String code) {
		if (account.totpSecret == null) {
			return false;
		}
		OptionalLong step = totp.matchingStep(account.totpSecret, code);
		return step.isPresent() && accounts.useTotpStep(account.id, step.getAsLong());
	}

	private void countFailure(Account account, Instant now) {
		int failures = accounts.countFailure(account.id);
		if (failures >= properties.lockout().maxFailures()) {
			accounts.lockUntil(account.id, now.plus(properties.lockout().duration()));
			audit.recordFor(account.id, account.loginId, AuditAction.ACCOUNT_LOCKED_OUT, account.bodyId, null,
					"failures:" + failures);
		}
	}

	private AuthenticationException refuse(@Nullable Account account, String loginId,
			@Nullable AuthenticationException answer, String reason) {
		audit.recordFor(account == null ? null : account.id, loginId, AuditAction.SIGN_IN_FAILED,
				account == null ? null : account.bodyId, null, reason);
		return answer != null ? answer : new BadCredentialsException("sign-in refused");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
