package jp.renraku.registration;

import java.util.Locale;

import jp.renraku.account.AccountManagement;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Redacted;
import jp.renraku.mail.Mailer;
import jp.renraku.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * Tells a list's operations managers, and the audit trail, that its registration password
 * is being guessed from many clients (more wrong passwords than the list-wide limit
 * within the window), so that they can change it or close registration. Registration
 * stays open to the right password meanwhile.
 */
@Component
class PasswordGuessingAlert {

	private static final Logger log = LoggerFactory.getLogger(PasswordGuessingAlert.class);

	private final AccountManagement accounts;

	private final Mailer mailer;

	private final MessageSource messages;

	private final AuditTrail audit;

	private final RegistrationLimits limits;

	PasswordGuessingAlert(AccountManagement accounts, Mailer mailer, MessageSource messages, AuditTrail audit,
			RegistrationLimits limits) {
		this.accounts = accounts;
		this.mailer = mailer;
		this.messages = messages;
		this.audit = audit;
		this.limits = limits;
	}

	void guessed(RegistrationList list) {
		audit.recordFor(null, "system", AuditAction.REGISTRATION_PASSWORD_GUESSING, list.bodyId(), "list:" + list.id(),
				"wrong:" + limits.passwordsPerList() + " in " + limits.window().toMinutes() + "m");
		Locale ja = Locale.JAPANESE;
		Object[] args = { list.name(), limits.passwordsPerList(), limits.window().toMinutes(),
				limits.passwordsPerClientWhileGuessed() };
		String subject = messages.getMessage("mail.registrationGuessing.subject", args, ja);
		String text = messages.getMessage("mail.registrationGuessing.body", args, ja);
		for (String to : accounts.operationsManagerEmails(list.bodyId())) {
			try {
				mailer.send(new OutgoingMail(to, subject, text));
			}
			catch (MailException ex) {
				log.warn("Registration guessing alert could not be sent: {}", Redacted.of(ex));
			}
		}
	}

}
