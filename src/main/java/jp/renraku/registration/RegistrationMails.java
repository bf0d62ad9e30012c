package jp.renraku.registration;

import java.util.Locale;

import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.ResidentMail;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mails of registration, in Japanese: confirmation link, already registered, welcome,
 * waiting for approval, approved, rejected, re-confirmation after a bounce, stopped. Each
 * goes to one person through the delivery engine, from the list's sender with its contact
 * at the end (issue 14); mails to a registrant carry their one-click stop header.
 */
@Component
class RegistrationMails {

	private static final Locale JAPANESE = Locale.JAPANESE;

	private final DeliveryManagement delivery;

	private final MessageSource messages;

	private final PersonalLinks links;

	private final ListSenders senders;

	RegistrationMails(DeliveryManagement delivery, MessageSource messages, PersonalLinks links, ListSenders senders) {
		this.delivery = delivery;
		this.messages = messages;
		this.links = links;
		this.senders = senders;
	}

	void confirmationLink(String to, RegistrationList list, String url, long hours) {
		send(to, list, "mail.signup", null, list.name(), url, hours);
	}

	/** For a person who registers again: says so only to the address itself. */
	void alreadyRegistered(String to, RegistrationList list, long registrantId, String nonce) {
		send(to, list, "mail.signup.already", links.unsubscribeUrl(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void registered(String to, RegistrationList list, long registrantId, String nonce, boolean pending) {
		send(to, list, pending ? "mail.pending" : "mail.welcome", links.unsubscribeUrl(registrantId, nonce),
				list.name(), links.manageUrl(registrantId, nonce));
	}

	void approved(String to, RegistrationList list, long registrantId, String nonce) {
		send(to, list, "mail.approved", links.unsubscribeUrl(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void rejected(String to, RegistrationList list) {
		send(to, list, "mail.rejected", null, list.name());
	}

	/** The link that resumes mail to an address that bounced; it goes to that address. */
	void resumeLink(String to, RegistrationList list, String url) {
		send(to, list, "mail.resume", null, list.name(), url);
	}

	void stopped(String to, RegistrationList list) {
		send(to, list, "mail.stopped", null, list.name());
	}

	private void send(String to, RegistrationList list, String key, @Nullable String unsubscribeUrl, Object... args) {
		String subject = messages.getMessage(key + ".subject", args, JAPANESE);
		String text = messages.getMessage(key + ".body", args, JAPANESE);
		delivery.send(new ResidentMail(list.bodyId(), to, senders.of(list.id(), list.bodyId()), subject, text,
				unsubscribeUrl));
	}

}
