package jp.renraku.mail;

import java.io.UnsupportedEncodingException;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.EmailAddresses;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends single messages (confirmations, notices to staff) through the configured relay or
 * the development catcher. The bulk engine for notices will sit beside it.
 */
@Service
public class Mailer {

	private final JavaMailSender sender;

	private final MailSettings settings;

	Mailer(JavaMailSender sender, MailSettings settings) {
		this.sender = sender;
		this.settings = settings;
	}

	public void send(OutgoingMail mail) throws MailException {
		sender.send(toMime(mail));
	}

	MimeMessage toMime(OutgoingMail mail) {
		MimeMessage message = sender.createMimeMessage();
		try {
			message.setFrom(sender(settings.from()));
			message.setRecipient(MimeMessage.RecipientType.TO, recipient(mail.to()));
			message.setSubject(mail.subject(), "UTF-8");
			message.setText(mail.text(), "UTF-8");
			for (Map.Entry<String, String> header : mail.headers().entrySet()) {
				message.setHeader(header.getKey(), header.getValue());
			}
			return message;
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("message could not be built", ex);
		}
	}

	/**
	 * The sender address, its display name (市役所 …) encoded in UTF-8 whatever the
	 * platform's default character set.
	 */
	public static InternetAddress sender(String from) throws AddressException {
		InternetAddress address = new InternetAddress(from);
		if (address.getPersonal() != null) {
			try {
				address.setPersonal(address.getPersonal(), "UTF-8");
			}
			catch (UnsupportedEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	/**
	 * The recipient without the strict RFC 5322 parse, which would refuse legacy Japanese
	 * mobile addresses that the receiving carriers still accept.
	 */
	private static InternetAddress recipient(String normalized) {
		InternetAddress address = new InternetAddress();
		address.setAddress(EmailAddresses.toAscii(normalized));
		return address;
	}

}
