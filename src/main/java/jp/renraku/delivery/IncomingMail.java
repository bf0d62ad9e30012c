package jp.renraku.delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * A kind of mail the mail-in mailbox receives besides bounces, handled by the module it
 * concerns: empty mails to a list's registration address (registration), replies to
 * notices (notice). Each recognises its own mail by the address it came to.
 */
public interface IncomingMail {

	/** Whether the mail was this handler's (whatever it then did with it). */
	boolean handle(MimeMessage message) throws Exception;

}
