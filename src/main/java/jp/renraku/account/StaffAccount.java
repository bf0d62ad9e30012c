package jp.renraku.account;

import java.time.Instant;
import java.time.LocalDate;

import jp.renraku.common.Role;
import org.jspecify.annotations.Nullable;

/**
 * What the account pages show of an account. Never carries a hash or a secret.
 */
public record StaffAccount(long id, String loginId, String displayName, @Nullable String email, Role role,
		@Nullable Long bodyId, AccountState state, boolean passwordTemporary, boolean lockedOut, boolean totpEnabled,
		Instant createdAt, @Nullable Instant lastSignInAt, @Nullable LocalDate leavesOn,
		@Nullable Instant passwordChangedAt, @Nullable Instant retiredAt) {

	static StaffAccount of(Account a, boolean lockedOut) {
		return new StaffAccount(a.id, a.loginId, a.displayName, a.email, a.role, a.bodyId, a.state, a.passwordTemporary,
				lockedOut, a.totpEnabled, a.createdAt, a.lastSignInAt, a.leavesOn, a.passwordChangedAt, a.retiredAt);
	}

	public boolean active() {
		return state == AccountState.ACTIVE;
	}

}
