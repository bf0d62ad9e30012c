package jp.renraku.account;

import java.util.Locale;

import jp.renraku.common.Redacted;
import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the system administrators at once when a password may have leaked (Art. 11-2-6).
 * One message per administrator; the account is locked whether or not the mail goes out.
 */
@Component
class LeakNotifier {

	private static final Logger log = LoggerFactory.getLogger(LeakNotifier.class);

	private final AccountManagement accounts;

	private final Mailer mailer;

	private final MessageSource messages;

	LeakNotifier(AccountManagement accounts, Mailer mailer, MessageSource messages) {
		this.accounts = accounts;
		this.mailer = mailer;
		this.messages = messages;
	}

	@TransactionalEventListener
	void on(PasswordLeakReported event) {
		Locale ja = Locale.JAPANESE;
		String subject = messages.getMessage("mail.leak.subject", new Object[] { event.loginId() }, ja);
		String text = messages.getMessage("mail.leak.body",
				new Object[] { event.loginId(), event.displayName(), event.note() == null ? "-" : event.note() }, ja);
		for (String to : accounts.activeSystemAdminEmails()) {
			try {
				mailer.send(new OutgoingMail(to, subject, text));
			}
			catch (MailException ex) {
				log.warn("Leak report mail to a system administrator could not be sent: {}", Redacted.of(ex));
			}
		}
	}

}
