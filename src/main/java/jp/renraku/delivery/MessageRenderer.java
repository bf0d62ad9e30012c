package jp.renraku.delivery;

import java.util.Date;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.EmailAddresses;
import org.springframework.context.MessageSource;

/**
 * Builds the message for one recipient: exactly one address in To, a stable Message-ID
 * per delivery (so a repeat after a crash can be recognised), the personal link in the
 * text and in RFC 8058 headers. Placeholders are replaced as plain text; the subject can
 * never carry a line break, so nothing a sender or registrant typed can add a header.
 */
final class MessageRenderer {

	private final String from;

	private final String messageIdDomain;

	private final String footer;

	private final String nameIfUnknown;

	MessageRenderer(String from, MessageSource messages) {
		this.from = from;
		int at = from.lastIndexOf('@');
		this.messageIdDomain = at < 0 ? "renraku.invalid" : from.substring(at + 1).replace(">", "");
		this.footer = messages.getMessage("mail.footer", null, Locale.JAPANESE);
		this.nameIfUnknown = messages.getMessage("mail.nameIfUnknown", null, Locale.JAPANESE);
	}

	MimeMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient)
			throws MessagingException {
		return render(session, deliveryId, noticeId, content, recipient, false, DeliverySettings.MailCharset.UTF_8);
	}

	/**
	 * With {@code eightBit} (the relay announced 8BITMIME) the UTF-8 text goes as it is
	 * instead of base64: a third smaller and much cheaper to write. With
	 * {@code ISO_2022_JP} the subject and text are normalised to that character set and
	 * sent in it, unless some character has no form there; then the message goes as
	 * UTF-8, so that nothing is dropped.
	 */
	MimeMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient,
			boolean eightBit, DeliverySettings.MailCharset charset) throws MessagingException {
		MimeMessage message = new StableIdMessage(session,
				"<" + deliveryId + "." + noticeId + ".renraku@" + messageIdDomain + ">");
		message.setFrom(new InternetAddress(from));
		InternetAddress to = new InternetAddress();
		to.setAddress(EmailAddresses.toAscii(recipient.email()));
		message.setRecipient(MimeMessage.RecipientType.TO, to);
		String subject = Placeholders.headerSafe(Placeholders.fill(content.subject(), recipient, nameIfUnknown));
		String text = Placeholders.fill(content.text(), recipient, nameIfUnknown) + "\n\n"
				+ footer.replace("{0}", recipient.manageUrl());
		message.setSentDate(new Date());
		Optional<String> jisSubject = charset == DeliverySettings.MailCharset.ISO_2022_JP ? Iso2022Jp.normalise(subject)
				: Optional.empty();
		Optional<String> jisText = jisSubject.isPresent() ? Iso2022Jp.normalise(text) : Optional.empty();
		if (jisSubject.isPresent() && jisText.isPresent()) {
			message.setSubject(jisSubject.get(), Iso2022Jp.CHARSET.name());
			message.setText(jisText.get(), Iso2022Jp.CHARSET.name());
			message.setHeader("Content-Transfer-Encoding", "7bit");
		}
		else {
			message.setSubject(subject, "UTF-8");
			message.setText(text, "UTF-8");
			if (eightBit) {
				message.setHeader("Content-Transfer-Encoding", "8bit");
			}
		}
		message.setHeader("List-Unsubscribe", "<" + recipient.unsubscribeUrl() + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.setHeader("Precedence", "bulk");
		message.setHeader("Auto-Submitted", "auto-generated");
		return message;
	}

	/**
	 * A message whose Message-ID is fixed by its delivery, not made anew on each save.
	 */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
