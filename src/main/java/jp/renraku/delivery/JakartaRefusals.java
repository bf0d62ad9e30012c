package jp.renraku.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jp.renraku.common.Redacted;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jakarta Mail's exceptions say about a send that did not go: the relay's code and
 * reply when it refused the message or its recipient, code 0 when the connection was
 * refused, dropped or timed out (nothing was accepted). The reply is kept to 500
 * characters, as the outbox stores it.
 */
final class JakartaRefusals {

	private static final Logger log = LoggerFactory.getLogger(JakartaRefusals.class);

	private JakartaRefusals() {
	}

	static SmtpConnection.Result of(MessagingException ex) {
		if (ex instanceof SMTPSendFailedException refused) {
			return new SmtpConnection.Result(false, refused.getReturnCode(), reply(refused));
		}
		if (ex instanceof SendFailedException failed) {
			for (Exception next = failed.getNextException(); next != null; next = next instanceof MessagingException m
					? m.getNextException() : null) {
				if (next instanceof SMTPAddressFailedException address) {
					return new SmtpConnection.Result(false, address.getReturnCode(), reply(address));
				}
			}
		}
		return new SmtpConnection.Result(false, 0, reply(ex));
	}

	private static String reply(Exception ex) {
		// the relay's words and Jakarta Mail's name the recipient: the log gets them
		// redacted
		log.debug("SMTP send refused or failed: {}", Redacted.of(ex));
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return message.length() > 500 ? message.substring(0, 500) : message;
	}

}
