package jp.renraku.registration;

import java.util.Locale;

import jp.renraku.common.InstallationSecret;
import org.springframework.stereotype.Component;

/**
 * The keyed hash of an address on a list (HMAC with the installation secret): what finds
 * duplicates and what the consent record keeps, so the address itself need not be.
 * Addresses are compared without case.
 */
@Component
class AddressHashes {

	private final InstallationSecret secret;

	AddressHashes(InstallationSecret secret) {
		this.secret = secret;
	}

	String of(long listId, String email) {
		return secret.keyedHash("email", listId + ":" + email.toLowerCase(Locale.ROOT));
	}

}
