package jp.renraku.registration;

import java.util.Locale;
import java.util.Map;

import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * The mails of registration, in Japanese: confirmation link, already registered, welcome,
 * waiting for approval, approved, rejected. Each goes to one person; mails to a
 * registrant carry their personal link and one-click stop headers.
 */
@Component
class RegistrationMails {

	private static final Logger log = LoggerFactory.getLogger(RegistrationMails.class);

	private static final Locale JAPANESE = Locale.JAPANESE;

	private final Mailer mailer;

	private final MessageSource messages;

	private final PersonalLinks links;

	RegistrationMails(Mailer mailer, MessageSource messages, PersonalLinks links) {
		this.mailer = mailer;
		this.messages = messages;
		this.links = links;
	}

	void confirmationLink(String to, RegistrationList list, String url, long hours) {
		send(to, "mail.signup", Map.of(), list.name(), url, hours);
	}

	/** For a person who registers again: says so only to the address itself. */
	void alreadyRegistered(String to, RegistrationList list, long registrantId, String nonce) {
		send(to, "mail.signup.already", links.unsubscribeHeaders(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void registered(String to, RegistrationList list, long registrantId, String nonce, boolean pending) {
		send(to, pending ? "mail.pending" : "mail.welcome", links.unsubscribeHeaders(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void approved(String to, RegistrationList list, long registrantId, String nonce) {
		send(to, "mail.approved", links.unsubscribeHeaders(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void rejected(String to, RegistrationList list) {
		send(to, "mail.rejected", Map.of(), list.name());
	}

	/** The link that resumes mail to an address that bounced; it goes to that address. */
	void resumeLink(String to, RegistrationList list, String url) {
		send(to, "mail.resume", Map.of(), list.name(), url);
	}

	void stopped(String to, RegistrationList list) {
		send(to, "mail.stopped", Map.of(), list.name());
	}

	private void send(String to, String key, Map<String, String> headers, Object... args) {
		String subject = messages.getMessage(key + ".subject", args, JAPANESE);
		String text = messages.getMessage(key + ".body", args, JAPANESE);
		try {
			mailer.send(new OutgoingMail(to, subject, text, headers));
		}
		catch (MailException ex) {
			// the registration itself stands; the person can ask again and staff see the
			// log
			log.warn("Registration mail {} could not be sent: {}", key, ex.getMessage());
		}
	}

}
