package jp.renraku.account;

import java.util.List;
import java.util.Locale;

import jp.renraku.delivery.MailSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
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

	private final JavaMailSender mail;

	private final MessageSource messages;

	private final MailSettings mailSettings;

	LeakNotifier(AccountManagement accounts, JavaMailSender mail, MessageSource messages, MailSettings mailSettings) {
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.mailSettings = mailSettings;
	}

	@TransactionalEventListener
	void on(PasswordLeakReported event) {
		List<String> recipients = accounts.activeSystemAdminEmails();
		Locale ja = Locale.JAPANESE;
		for (String to : recipients) {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(mailSettings.from());
			message.setTo(to);
			message.setSubject(messages.getMessage("mail.leak.subject", new Object[] { event.loginId() }, ja));
			message.setText(messages.getMessage("mail.leak.body",
					new Object[] { event.loginId(), event.displayName(), event.note() == null ? "-" : event.note() },
					ja));
			try {
				mail.send(message);
			}
			catch (MailException ex) {
				log.warn("Leak report mail to a system administrator could not be sent: {}", ex.getMessage());
			}
		}
	}

}
