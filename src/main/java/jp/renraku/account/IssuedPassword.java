package jp.renraku.account;

import java.time.Instant;

/**
 * A one-time password just issued, shown once to the administrator who hands it over.
 * Only its hash is stored.
 */
public record IssuedPassword(long accountId, String loginId, String password, Instant expiresAt) {

	@Override
	public String toString() {
		return "IssuedPassword[" + loginId + "]";
	}

}
