package jp.renraku.account;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;

/**
 * A staff account as stored. Decides for itself whether it may sign in and whether its
 * password must be changed.
 */
final class Account {

	final long id;

	final String loginId;

	final String displayName;

	final @Nullable String email;

	final Role role;

	final @Nullable Long bodyId;

	final AccountState state;

	final String passwordHash;

	final Instant passwordChangedAt;

	final boolean passwordTemporary;

	final @Nullable Instant temporaryExpiresAt;

	final @Nullable String totpSecret;

	final boolean totpEnabled;

	final @Nullable Long totpLastStep;

	final Instant createdAt;

	final @Nullable Instant lastSignInAt;

	final @Nullable LocalDate leavesOn;

	final @Nullable Instant retiredAt;

	/**
	 * Raised to end every session signed in before (see
	 * {@link AccountStatusInterceptor}).
	 */
	final int sessionEpoch;

	Account(long id, String loginId, String displayName, @Nullable String email, Role role, @Nullable Long bodyId,
			AccountState state, String passwordHash, Instant passwordChangedAt, boolean passwordTemporary,
			@Nullable Instant temporaryExpiresAt, @Nullable String totpSecret, boolean totpEnabled,
			@Nullable Long totpLastStep, Instant createdAt, @Nullable Instant lastSignInAt,
			@Nullable LocalDate leavesOn, @Nullable Instant retiredAt, int sessionEpoch) {
		this.id = id;
		this.loginId = loginId;
		this.displayName = displayName;
		this.email = email;
		this.role = role;
		this.bodyId = bodyId;
		this.state = state;
		this.passwordHash = passwordHash;
		this.passwordChangedAt = passwordChangedAt;
		this.passwordTemporary = passwordTemporary;
		this.temporaryExpiresAt = temporaryExpiresAt;
		this.totpSecret = totpSecret;
		this.totpEnabled = totpEnabled;
		this.totpLastStep = totpLastStep;
		this.createdAt = createdAt;
		this.lastSignInAt = lastSignInAt;
		this.leavesOn = leavesOn;
		this.retiredAt = retiredAt;
		this.sessionEpoch = sessionEpoch;
	}

	Staff toStaff() {
		return new Staff(id, loginId, displayName, role, bodyId);
	}

	boolean temporaryExpired(Instant now) {
		return passwordTemporary && temporaryExpiresAt != null && !temporaryExpiresAt.isAfter(now);
	}

	/**
	 * A temporary password must be replaced at first sign-in; a chosen one once it is
	 * older than the maximum age ({@link Duration#ZERO} turns expiry off).
	 */
	boolean mustChangePassword(Instant now, Duration maxAge) {
		if (passwordTemporary) {
			return true;
		}
		return !maxAge.isZero() && !passwordChangedAt.plus(maxAge).isAfter(now);
	}

	boolean adminRole() {
		return role != Role.SENDER;
	}

}
