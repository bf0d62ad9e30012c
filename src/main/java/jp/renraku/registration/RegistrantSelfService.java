package jp.renraku.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Language;
import jp.renraku.common.RenrakuProperties;
import org.springframework.stereotype.Component;

/**
 * What registrants do themselves through their personal link: change their items, stop,
 * and resume mail that was stopped because it bounced. Reached through
 * {@link RegistrationManagement}, which holds the transactions.
 */
@Component
class RegistrantSelfService {

	private static final Duration RESUME_VALIDITY = Duration.ofHours(24);

	private final Lists lists;

	private final Registrants registrants;

	private final RegistrationMails mails;

	private final PersonalLinks personalLinks;

	private final AuditTrail audit;

	private final RenrakuProperties properties;

	private final Clock clock;

	RegistrantSelfService(Lists lists, Registrants registrants, RegistrationMails mails, PersonalLinks personalLinks,
			AuditTrail audit, RenrakuProperties properties, Clock clock) {
		this.lists = lists;
		this.registrants = registrants;
		this.mails = mails;
		this.personalLinks = personalLinks;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	Optional<Registrant> registrantByLink(long registrantId) {
		return registrants.find(registrantId);
	}

	RegistrationList listOf(Registrant registrant) {
		return lists.findById(registrant.listId()).orElseThrow();
	}

	void updateOwn(Registrant registrant, RegistrantDetails details) {
		registrants.update(registrant.id(), details, clock.instant());
		audit.record(AuditAction.REGISTRANT_UPDATED, registrant.bodyId(), "registrant:" + registrant.id(),
				"by registrant");
	}

	/**
	 * Stops all mail to the registrant and erases their personal information, keeping
	 * only the keyed hash of the address and the dates as proof of consent. A second stop
	 * at the same time (the button pressed twice) does nothing.
	 */
	void stop(Registrant registrant) {
		RegistrationList list = listOf(registrant);
		if (!registrants.erase(registrant, "STOPPED", clock.instant())) {
			return;
		}
		audit.record(AuditAction.REGISTRANT_STOPPED, registrant.bodyId(), "registrant:" + registrant.id(), null);
		mails.stopped(registrant.email(), list, registrant.language());
	}

	/** The language the registrant's mails and pages are in from now on. */
	void setLanguage(Registrant registrant, Language language) {
		registrants.setLanguage(registrant.id(), language, clock.instant());
	}

	/**
	 * Mails the registrant's address a link that resumes its mail, if it was stopped for
	 * bouncing: opening the link proves the address receives mail again. Valid 24 hours.
	 */
	void requestResume(Registrant registrant, String manageToken) {
		if (!registrant.bounceStopped()) {
			return;
		}
		String nonce = registrants.linkNonce(registrant.id()).orElseThrow();
		long expires = clock.instant().plus(RESUME_VALIDITY).getEpochSecond();
		mails.resumeLink(registrant.email(), listOf(registrant), properties.baseUrl() + "/m/" + manageToken + "/resume/"
				+ personalLinks.resumeToken(registrant.id(), nonce, expires), registrant.language());
	}

	/**
	 * Resumes mail to a bounced address after its owner opened the link from the mail.
	 */
	boolean resume(Registrant registrant, String resumeToken) {
		String nonce = registrants.linkNonce(registrant.id()).orElseThrow();
		if (!personalLinks.resumeValid(registrant.id(), nonce, resumeToken, clock.instant())) {
			return false;
		}
		int resumed = registrants.resumeBounced(registrant.id(), registrant.bodyId());
		if (resumed > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_RESUMED, registrant.bodyId(), "registrant:" + registrant.id(),
					"registrations:" + resumed);
		}
		return true;
	}

}
