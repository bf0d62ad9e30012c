package jp.renraku.account;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jp.renraku.common.Redacted;
import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import jp.renraku.organization.PermitExpiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Tells a body's operations managers, and the system administrators, that its usage
 * permit ends within 30 days (Art. 6), so that a new application can be made in time.
 */
@Component
class PermitExpiryNotifier {

	private static final Logger log = LoggerFactory.getLogger(PermitExpiryNotifier.class);

	private final AccountManagement accounts;

	private final Mailer mailer;

	private final MessageSource messages;

	PermitExpiryNotifier(AccountManagement accounts, Mailer mailer, MessageSource messages) {
		this.accounts = accounts;
		this.mailer = mailer;
		this.messages = messages;
	}

	@EventListener
	void on(PermitExpiring event) {
		Set<String> to = new LinkedHashSet<>();
		to.addAll(accounts.operationsManagerEmails(event.bodyId()));
		to.addAll(accounts.activeSystemAdminEmails());
		Locale ja = Locale.JAPANESE;
		Object[] args = { event.bodyName(), event.permitNumber(), event.validUntil().toString() };
		String subject = messages.getMessage("mail.permitExpiring.subject", args, ja);
		String text = messages.getMessage("mail.permitExpiring.body", args, ja);
		for (String address : to) {
			try {
				mailer.send(new OutgoingMail(address, subject, text));
			}
			catch (MailException ex) {
				log.warn("Permit expiry notice could not be sent: {}", Redacted.of(ex));
			}
		}
	}

}
