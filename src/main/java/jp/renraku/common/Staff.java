package jp.renraku.common;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in. Every query of body-owned data takes the body from here, never from
 * the request. It is kept in the session, which lives in the database (issue 18): hence
 * Serializable, and its {@link #getName() name} is the login ID, by which the session
 * store indexes an account's sessions (a column of 100 characters).
 *
 * @param accountId internal id of the staff account
 * @param loginId personal login ID (never reused)
 * @param displayName name shown in the page frame
 * @param role the single role of the account
 * @param bodyId the body the account belongs to; {@code null} only for the system
 * administrator
 */
public record Staff(long accountId, String loginId, String displayName, Role role,
		@Nullable Long bodyId) implements Serializable, AuthenticatedPrincipal {

	public Staff {
		if (role.bodyBound() != (bodyId != null)) {
			throw new IllegalArgumentException("body must be set exactly for body-bound roles");
		}
	}

	/** The login ID: what Spring Security and the session store call the name. */
	@Override
	public String getName() {
		return loginId;
	}

	public boolean isSystemAdmin() {
		return role == Role.SYSTEM_ADMIN;
	}

	/** The body of a body-bound account; fails for the system administrator. */
	public long requireBody() {
		if (bodyId == null) {
			throw new IllegalStateException("the system administrator belongs to no body");
		}
		return bodyId;
	}

}
