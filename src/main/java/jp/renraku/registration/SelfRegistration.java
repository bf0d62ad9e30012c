package jp.renraku.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jp.renraku.common.Language;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.RenrakuProperties;
import org.springframework.stereotype.Component;

/**
 * Residents' self-registration with double opt-in: the address asks (on the web form, or
 * by empty mail), a confirmation link goes to it, and the form behind the link registers
 * it. Reached through {@link RegistrationManagement}, which holds the transactions.
 */
@Component
class SelfRegistration {

	static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(24);

	private final Lists lists;

	private final Registrants registrants;

	private final SignupRequests signups;

	private final RegistrationMails mails;

	private final AddressHashes hashes;

	private final AuditTrail audit;

	private final RenrakuProperties properties;

	private final RegistrationLimits limits;

	private final Clock clock;

	SelfRegistration(Lists lists, Registrants registrants, SignupRequests signups, RegistrationMails mails,
			AddressHashes hashes, AuditTrail audit, RenrakuProperties properties, RegistrationLimits limits,
			Clock clock) {
		this.lists = lists;
		this.registrants = registrants;
		this.signups = signups;
		this.mails = mails;
		this.hashes = hashes;
		this.audit = audit;
		this.properties = properties;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * The list behind a registration URL: its long random token, or its short code as a
	 * person typed it (any case, with a dash or space, full width).
	 */
	Optional<RegistrationList> listByToken(String token) {
		return lists.findByToken(token).or(() -> ShortCodes.canonical(token).flatMap(lists::findByShortCode));
	}

	/** The list an empty mail's registration address names. */
	Optional<RegistrationList> listByMailCode(String code) {
		return lists.findByMailCode(code);
	}

	/**
	 * Whether the typed registration password is the list's, compared in constant time.
	 */
	static boolean passwordMatches(RegistrationList list, String typed) {
		return MessageDigest.isEqual(RegistrationList.canonicalPassword(typed).getBytes(StandardCharsets.UTF_8),
				RegistrationList.canonicalPassword(list.registrationPassword()).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends the confirmation link, or a mail saying the address is registered already;
	 * false, and nothing sent, when the address is over its limits. {@code page} is the
	 * link's page: {@code /confirm} after the web form, {@code /mail} (which asks for the
	 * registration password first) after an empty mail. The mail is in {@code language},
	 * the one the person asked in (an address already registered gets its own).
	 */
	boolean answer(RegistrationList list, String email, boolean passwordChecked, String page, Language language) {
		Instant now = clock.instant();
		Instant hourAgo = now.minus(Duration.ofHours(1));
		if (signups.sentSince(list.id(), email, hourAgo) >= limits.mailsPerAddress()
				|| signups.sentSince(email, hourAgo) >= limits.mailsPerAddressAllLists()) {
			return false;
		}
		String token = InstallationSecret.randomToken(32);
		// recorded either way, as what counts the mails
		signups.insert(list.id(), InstallationSecret.sha256(token), email, now.plus(CONFIRMATION_VALIDITY), now,
				passwordChecked);
		Optional<Registrant> existing = registrants.findByEmailHash(list.id(), hashes.of(list.id(), email));
		if (existing.isPresent()) {
			Registrant registrant = existing.get();
			mails.alreadyRegistered(registrant.email(), list, registrant.id(),
					registrants.linkNonce(registrant.id()).orElseThrow(), registrant.language());
			return true;
		}
		mails.confirmationLink(email, list, properties.baseUrl() + "/r/" + list.publicToken() + page + "?t=" + token,
				CONFIRMATION_VALIDITY.toHours(), language);
		return true;
	}

	/** The password of a link from an empty mail was given: the form may follow. */
	void passwordChecked(SignupRequests.SignupRequest request) {
		signups.markPasswordChecked(request.id());
	}

	/**
	 * The confirmation behind a link, if it is valid: right list, not expired, not used.
	 */
	Optional<SignupRequests.SignupRequest> confirmation(RegistrationList list, String token) {
		return signups.find(list.id(), InstallationSecret.sha256(token))
			.filter(request -> !request.used() && request.expiresAt().isAfter(clock.instant()));
	}

	/**
	 * Registers the confirmed address with what the person entered. Registered at once,
	 * or pending where the list needs approval. A second use of the same link registers
	 * nothing.
	 */
	Optional<RegistrantState> register(RegistrationList list, SignupRequests.SignupRequest request,
			RegistrantDetails details, Language language) {
		Instant now = clock.instant();
		if (!signups.markUsed(request.id(), now)) {
			return Optional.empty();
		}
		RegistrantState state = list.needsApproval() ? RegistrantState.PENDING : RegistrantState.ACTIVE;
		String hash = hashes.of(list.id(), request.email());
		if (registrants.findByEmailHash(list.id(), hash).isPresent()) {
			// registered through another link meanwhile: nothing new, nothing revealed.
			// Checked before inserting, because a failed insert would end the
			// transaction on PostgreSQL.
			return Optional.of(state);
		}
		String nonce = InstallationSecret.randomToken(12);
		long id = registrants.insert(list, request.email(), hash, details, state, nonce, now, language);
		audit.record(AuditAction.REGISTRANT_REGISTERED, list.bodyId(), "registrant:" + id, "list:" + list.id());
		mails.registered(request.email(), list, id, nonce, state == RegistrantState.PENDING, language);
		return Optional.of(state);
	}

}
