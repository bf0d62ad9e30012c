package jp.renraku.registration;

import jp.renraku.common.Language;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.ResidentMail;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mails of registration, in the resident's language: confirmation link, already
 * registered, welcome, waiting for approval, approved, rejected, re-confirmation after a
 * bounce, stopped. Each goes to one person through the delivery engine, from the list's
 * sender with its contact at the end (issue 14); mails to a registrant carry their
 * one-click stop header.
 */
@Component
class RegistrationMails {

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

	/**
	 * The link to the form, in the language the person asked in; the link opens the form
	 * in it.
	 */
	void confirmationLink(String to, RegistrationList list, String url, long hours, Language language) {
		String link = language == Language.JA ? url : url + "&lang=" + language.code();
		send(to, list, language, "mail.signup", null, list.name(), link, hours);
	}

	/** For a person who registers again: says so only to the address itself. */
	void alreadyRegistered(String to, RegistrationList list, long registrantId, String nonce, Language language) {
		send(to, list, language, "mail.signup.already", links.unsubscribeUrl(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void registered(String to, RegistrationList list, long registrantId, String nonce, boolean pending,
			Language language) {
		send(to, list, language, pending ? "mail.pending" : "mail.welcome", links.unsubscribeUrl(registrantId, nonce),
				list.name(), links.manageUrl(registrantId, nonce));
	}

	void approved(String to, RegistrationList list, long registrantId, String nonce, Language language) {
		send(to, list, language, "mail.approved", links.unsubscribeUrl(registrantId, nonce), list.name(),
				links.manageUrl(registrantId, nonce));
	}

	void rejected(String to, RegistrationList list, Language language) {
		send(to, list, language, "mail.rejected", null, list.name());
	}

	/** The link that resumes mail to an address that bounced; it goes to that address. */
	void resumeLink(String to, RegistrationList list, String url, Language language) {
		send(to, list, language, "mail.resume", null, list.name(), url);
	}

	void stopped(String to, RegistrationList list, Language language) {
		send(to, list, language, "mail.stopped", null, list.name());
	}

	private void send(String to, RegistrationList list, Language language, String key, @Nullable String unsubscribeUrl,
			Object... args) {
		String subject = messages.getMessage(key + ".subject", args, language.locale());
		String text = messages.getMessage(key + ".body", args, language.locale());
		delivery.send(new ResidentMail(list.bodyId(), to, senders.of(list.id(), list.bodyId()), subject, text,
				unsubscribeUrl, language));
	}

}
