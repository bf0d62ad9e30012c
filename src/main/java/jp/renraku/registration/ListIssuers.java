package jp.renraku.registration;

import jp.renraku.common.Sender;
import jp.renraku.mail.MailInSettings;
import jp.renraku.mail.MailSettings;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who runs a list, as its public pages, the personal page and the printed guide show it:
 * one decision, so that the address a resident is told to allow is the one the mail comes
 * from.
 */
@Component
class ListIssuers {

	private final ListSenders senders;

	private final MailSettings mail;

	private final MailInSettings mailIn;

	private final MessageSource messages;

	ListIssuers(ListSenders senders, MailSettings mail, MailInSettings mailIn, MessageSource messages) {
		this.senders = senders;
		this.mail = mail;
		this.mailIn = mailIn;
		this.messages = messages;
	}

	/** The list's issuer, the contact worded in the language of the current request. */
	ListIssuer of(RegistrationList list) {
		Sender sender = senders.of(list.id(), list.bodyId());
		return new ListIssuer(sender.displayName(), sender.contact().lines(messages, LocaleContextHolder.getLocale()),
				fromAddress(sender, mail), mailIn.verp() ? mailIn.domain().strip() : null);
	}

	/**
	 * The bare address a list's mail is from: the body's own where it has one (only of a
	 * domain the operator allows), else the installation's.
	 */
	static String fromAddress(Sender sender, MailSettings mail) {
		return sender.fromAddress() != null ? sender.fromAddress() : mail.fromAddress();
	}

}
