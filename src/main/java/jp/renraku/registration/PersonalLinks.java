package jp.renraku.registration;

import java.time.Instant;
import java.util.Optional;

import jp.renraku.common.InstallationSecret;
import jp.renraku.common.RenrakuProperties;
import org.springframework.stereotype.Component;

/**
 * The personal link in every mail to a registrant: {@code /m/{id}.{nonce}.{signature}}.
 * The signature (HMAC with the installation secret) makes it unguessable; the nonce,
 * stored with the registrant, lets a link be revoked. Nothing in it is personal
 * information.
 */
@Component
class PersonalLinks {

	private static final String PURPOSE = "manage";

	private static final String RESUME = "resume-bounced";

	private final InstallationSecret secret;

	private final RenrakuProperties properties;

	private final Registrants registrants;

	PersonalLinks(InstallationSecret secret, RenrakuProperties properties, Registrants registrants) {
		this.secret = secret;
		this.properties = properties;
		this.registrants = registrants;
	}

	String token(long registrantId, String nonce) {
		String payload = registrantId + "." + nonce;
		return payload + "." + secret.sign(PURPOSE, payload);
	}

	String manageUrl(long registrantId, String nonce) {
		return properties.baseUrl() + "/m/" + token(registrantId, nonce);
	}

	/** The RFC 8058 one-click address for stopping from the mail program. */
	String unsubscribeUrl(long registrantId, String nonce) {
		return manageUrl(registrantId, nonce) + "/unsubscribe";
	}

	/**
	 * The token of the link that resumes mail to a bounced address: it arrives by mail at
	 * that address, so opening it proves the address works again. Valid until
	 * {@code expires} (epoch seconds).
	 */
	String resumeToken(long registrantId, String nonce, long expires) {
		String payload = registrantId + "." + nonce + "." + expires;
		return expires + "." + secret.sign(RESUME, payload);
	}

	/** Whether a resume token is genuine, for this registrant, and not expired. */
	boolean resumeValid(long registrantId, String nonce, String token, Instant now) {
		String[] parts = token.split("\\.");
		if (parts.length != 2 || !parts[0].matches("\\d{1,12}")) {
			return false;
		}
		long expires = Long.parseLong(parts[0]);
		return now.getEpochSecond() < expires
				&& secret.verify(RESUME, registrantId + "." + nonce + "." + expires, parts[1]);
	}

	/** The registrant a token belongs to, if it is genuine and not revoked. */
	Optional<Long> registrantOf(String token) {
		return signed(token)
			.flatMap(id -> registrants.linkNonce(id).filter(token.split("\\.")[1]::equals).map(nonce -> id));
	}

	/**
	 * The registrant a genuine token was made for, whether or not they still exist, by
	 * its signature alone: the link of someone who stopped answers that mail has stopped,
	 * a forged one nothing.
	 */
	Optional<Long> signed(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3 || !parts[0].matches("\\d{1,18}")) {
			return Optional.empty();
		}
		String payload = parts[0] + "." + parts[1];
		return secret.verify(PURPOSE, payload, parts[2]) ? Optional.of(Long.parseLong(parts[0])) : Optional.empty();
	}

}
