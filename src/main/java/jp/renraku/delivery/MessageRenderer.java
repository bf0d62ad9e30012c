package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jp.renraku.common.EmailAddresses;
import jp.renraku.mail.Mailer;
import org.springframework.context.MessageSource;

/**
 * Builds the message for one recipient: exactly one address in To, a stable Message-ID
 * per delivery (so a repeat after a crash can be recognised), the personal link in the
 * text and in RFC 8058 headers. Placeholders are replaced as plain text; the subject can
 * never carry a line break, so nothing a sender or registrant typed can add a header.
 * <p>
 * The message is written straight to bytes, not through Jakarta Mail's MIME tree: with
 * one text part and a fixed set of headers that is a fraction of the work, and a subject
 * without placeholders is encoded once per notice. The header lines and parts are written
 * by {@link MimeParts}.
 */
final class MessageRenderer {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
			Locale.ROOT);

	private final InternetAddress from;

	private final String fromHeader;

	private final String messageIdDomain;

	private final String footer;

	private final String nameIfUnknown;

	private final ZoneId zone = ZoneId.systemDefault();

	/** Encoded subjects without placeholders, by notice and character set. */
	private final Map<String, String> subjects = new ConcurrentHashMap<>();

	private final String confirmLine;

	/** The personal confirmation link of a delivery. */
	private final LongFunction<String> confirmUrl;

	/** A delivery's Reply-To address, or "" for none. */
	private final LongFunction<String> replyTo;

	/** The address of a delivery's opening image. */
	private final LongFunction<String> openUrl;

	MessageRenderer(String from, MessageSource messages) {
		this(from, messages, id -> "");
	}

	MessageRenderer(String from, MessageSource messages, LongFunction<String> confirmUrl) {
		this(from, messages, confirmUrl, id -> "", id -> "");
	}

	MessageRenderer(String from, MessageSource messages, LongFunction<String> confirmUrl, LongFunction<String> openUrl,
			LongFunction<String> replyTo) {
		this.replyTo = replyTo;
		this.confirmUrl = confirmUrl;
		this.openUrl = openUrl;
		this.confirmLine = messages.getMessage("mail.confirmLine", null, "{0}", Locale.JAPANESE);
		try {
			this.from = Mailer.sender(from);
		}
		catch (AddressException ex) {
			throw new IllegalStateException("renraku.mail.from is not an address: " + from, ex);
		}
		this.fromHeader = MimeUtility.fold(6, this.from.toString());
		String address = this.from.getAddress();
		int at = address.lastIndexOf('@');
		this.messageIdDomain = at < 0 ? "renraku.invalid" : address.substring(at + 1);
		this.footer = messages.getMessage("mail.footer", null, Locale.JAPANESE);
		this.nameIfUnknown = messages.getMessage("mail.nameIfUnknown", null, Locale.JAPANESE);
	}

	RenderedMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient)
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
	RenderedMessage render(Session session, long deliveryId, long noticeId, NoticeContent content, Recipient recipient,
			boolean eightBit, DeliverySettings.MailCharset charset) throws MessagingException {
		String to = EmailAddresses.toAscii(recipient.email());
		if (!MimeParts.printableAscii(to)) {
			throw new MessagingException("address cannot be written in a header: " + Placeholders.headerSafe(to));
		}
		String confirm = content.askConfirmation() ? confirmUrl.apply(deliveryId) : "";
		boolean personalSubject = content.subject().contains("{{");
		String subject = personalSubject
				? Placeholders.headerSafe(Placeholders.fill(content.subject(), recipient, nameIfUnknown, confirm))
				: null;
		String filled = Placeholders.fill(content.text(), recipient, nameIfUnknown, confirm);
		if (content.askConfirmation() && !content.text().contains(Placeholders.CONFIRM_LINK)) {
			// asked for confirmation but the writer did not place the link: it goes first
			filled = confirmLine.replace("{0}", confirm) + "\n\n" + filled;
		}
		String text = MimeParts.lines(filled + "\n\n" + footer.replace("{0}", recipient.manageUrl()));

		Charset bodyCharset = StandardCharsets.UTF_8;
		String jisSubject = null;
		if (charset == DeliverySettings.MailCharset.ISO_2022_JP) {
			Optional<String> jisText = Iso2022Jp.normalise(text);
			Optional<String> normalisedSubject = Iso2022Jp
				.normalise(subject != null ? subject : Placeholders.headerSafe(content.subject()));
			if (jisText.isPresent() && normalisedSubject.isPresent()) {
				bodyCharset = Iso2022Jp.CHARSET;
				text = jisText.get();
				jisSubject = normalisedSubject.get();
			}
		}
		String subjectHeader;
		if (bodyCharset == Iso2022Jp.CHARSET) {
			String jis = jisSubject;
			subjectHeader = personalSubject ? MimeParts.encodedSubject(jis, bodyCharset) : subjects
				.computeIfAbsent(noticeId + "/jis", k -> MimeParts.encodedSubject(jis, Iso2022Jp.CHARSET));
		}
		else {
			subjectHeader = personalSubject ? MimeParts.encodedSubject(subject, bodyCharset) : subjects.computeIfAbsent(
					noticeId + "/utf8",
					k -> MimeParts.encodedSubject(Placeholders.headerSafe(content.subject()), StandardCharsets.UTF_8));
		}

		byte[] body = text.getBytes(bodyCharset);
		String transferEncoding;
		String contentType = "text/plain; charset=" + (bodyCharset == Iso2022Jp.CHARSET ? "ISO-2022-JP" : "UTF-8");
		if (content.trackOpens() && bodyCharset == StandardCharsets.UTF_8) {
			// the text, and the same text as HTML with the opening image; both parts in
			// base64, so that no line of the text can look like the boundary
			String boundary = "=_renraku_" + deliveryId + "_" + noticeId;
			contentType = "multipart/alternative; boundary=\"" + boundary + "\"";
			transferEncoding = "7bit";
			body = MimeParts.alternative(boundary, text, openUrl.apply(deliveryId));
		}
		else if (bodyCharset == Iso2022Jp.CHARSET && MimeParts.shortLines(body)) {
			transferEncoding = "7bit";
		}
		else if (eightBit && bodyCharset == StandardCharsets.UTF_8 && MimeParts.shortLines(body)) {
			transferEncoding = "8bit";
		}
		else {
			transferEncoding = "base64";
			body = Base64.getMimeEncoder().encode(body);
		}

		StringBuilder headers = new StringBuilder(512);
		MimeParts.header(headers, "Date", DATE.format(ZonedDateTime.now(zone)));
		MimeParts.header(headers, "From", fromHeader);
		MimeParts.header(headers, "To", to);
		MimeParts.header(headers, "Message-ID",
				"<" + deliveryId + "." + noticeId + ".renraku@" + messageIdDomain + ">");
		MimeParts.header(headers, "Subject", subjectHeader);
		String reply = replyTo.apply(deliveryId);
		if (!reply.isEmpty() && MimeParts.printableAscii(reply)) {
			MimeParts.header(headers, "Reply-To", reply);
		}
		MimeParts.header(headers, "MIME-Version", "1.0");
		MimeParts.header(headers, "Content-Type", contentType);
		MimeParts.header(headers, "Content-Transfer-Encoding", transferEncoding);
		MimeParts.header(headers, "List-Unsubscribe", "<" + Placeholders.headerSafe(recipient.unsubscribeUrl()) + ">");
		MimeParts.header(headers, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		MimeParts.header(headers, "Precedence", "bulk");
		MimeParts.header(headers, "Auto-Submitted", "auto-generated");
		headers.append("\r\n");

		ByteArrayOutputStream bytes = new ByteArrayOutputStream(headers.length() + body.length + 2);
		bytes.writeBytes(headers.toString().getBytes(StandardCharsets.US_ASCII));
		bytes.writeBytes(body);
		bytes.writeBytes(new byte[] { '\r', '\n' });
		RenderedMessage message = new RenderedMessage(session, bytes.toByteArray());
		message.setEnvelopeFrom(from.getAddress());
		return message;
	}

}
