package jp.renraku.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeUtility;
import jp.renraku.common.Sender;
import org.jspecify.annotations.Nullable;

/**
 * Writes a resident's message straight to bytes, not through Jakarta Mail's MIME tree:
 * with one text part (or text and HTML) and a fixed set of headers that is a fraction of
 * the work. A carrier's address gets ISO-2022-JP — subject, sender name and text — for a
 * Japanese text whose every character has a form there; the Date is in the city's time
 * zone. Subjects and From headers that do not change between recipients are encoded once.
 */
final class LetterWriter {

	/** One message, ready to be written. */
	record Letter(String to, Sender sender, String senderAddress, String subject, @Nullable String subjectKey,
			String text, String messageId, @Nullable String replyTo, @Nullable String unsubscribeUrl, boolean bulk,
			@Nullable String openImageUrl, String boundary, boolean japanese, List<MailFile> files) {

		Letter(String to, Sender sender, String senderAddress, String subject, @Nullable String subjectKey, String text,
				String messageId, @Nullable String replyTo, @Nullable String unsubscribeUrl, boolean bulk,
				@Nullable String openImageUrl, String boundary, boolean japanese) {
			this(to, sender, senderAddress, subject, subjectKey, text, messageId, replyTo, unsubscribeUrl, bulk,
					openImageUrl, boundary, japanese, List.of());
		}

	}

	/**
	 * A file that rides in the message as a MIME attachment (issue 20).
	 *
	 * @param mediaType its type
	 * @param name its name
	 * @param base64 its bytes in base64 with CRLF every 76 characters, encoded once per
	 * file, not per message
	 */
	record MailFile(String mediaType, String name, byte[] base64) {
	}

	/**
	 * A message's bytes, every line ending CRLF; {@code dotFree} when no line begins with
	 * a dot, so that SMTP can carry the bytes as they are, without dot-stuffing.
	 */
	record Written(byte[] bytes, boolean dotFree) {
	}

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
			Locale.ROOT);

	private final ZoneId zone;

	/** The Date header of the current second, written once for all its messages. */
	private volatile DateLine date = new DateLine(Long.MIN_VALUE, "");

	private record DateLine(long second, String header) {
	}

	/** Encoded subjects and From headers that are the same for many recipients. */
	private final Map<String, String> encoded = new ConcurrentHashMap<>();

	LetterWriter(ZoneId zone) {
		this.zone = zone;
	}

	Written write(Letter letter, boolean eightBit, DeliverySettings.MailCharset charset) {
		String text = MimeParts.lines(letter.text());
		Charset bodyCharset = StandardCharsets.UTF_8;
		String subject = letter.subject();
		String name = letter.sender().displayName();
		// a carrier's ISO-2022-JP is for Japanese; Vietnamese or Portuguese (even when
		// every
		// letter has a form there) go as UTF-8, which the phones read
		if (charset == DeliverySettings.MailCharset.ISO_2022_JP && letter.japanese()) {
			Optional<String> jisText = Iso2022Jp.normalise(text);
			Optional<String> jisSubject = Iso2022Jp.normalise(subject);
			Optional<String> jisName = Iso2022Jp.normalise(name);
			if (jisText.isPresent() && jisSubject.isPresent() && jisName.isPresent()) {
				bodyCharset = Iso2022Jp.CHARSET;
				text = jisText.get();
				subject = jisSubject.get();
				name = jisName.get();
			}
		}
		Charset chosen = bodyCharset;
		String tag = chosen == Iso2022Jp.CHARSET ? "/jis" : "/utf8";
		String subjectText = subject;
		String subjectHeader = letter.subjectKey() == null ? MimeParts.encodedSubject(subjectText, chosen)
				: cached("s/" + letter.subjectKey() + tag, () -> MimeParts.encodedSubject(subjectText, chosen));
		String nameText = name;
		String fromHeader = cached("f/" + nameText + "/" + letter.senderAddress() + tag,
				() -> fromHeader(nameText, letter.senderAddress(), chosen));

		byte[] body = text.getBytes(chosen);
		// headers never begin a line with a dot (a folded line begins with a space), nor
		// does base64; plain text might
		boolean dotFree = true;
		String transferEncoding;
		String contentType = "text/plain; charset=" + (chosen == Iso2022Jp.CHARSET ? "ISO-2022-JP" : "UTF-8");
		if (letter.openImageUrl() != null && chosen == StandardCharsets.UTF_8) {
			// the text, and the same text as HTML with the opening image; both parts in
			// base64, so that no line of the text can look like the boundary
			contentType = "multipart/alternative; boundary=\"" + letter.boundary() + "\"";
			transferEncoding = "7bit";
			body = MimeParts.alternative(letter.boundary(), text, letter.openImageUrl());
		}
		else if (chosen == Iso2022Jp.CHARSET && MimeParts.shortLines(body)) {
			transferEncoding = "7bit";
			dotFree = !text.startsWith(".") && !text.contains("\n.");
		}
		else if (eightBit && chosen == StandardCharsets.UTF_8 && MimeParts.shortLines(body)) {
			transferEncoding = "8bit";
			dotFree = !text.startsWith(".") && !text.contains("\n.");
		}
		else {
			transferEncoding = "base64";
			body = Base64.getMimeEncoder().encode(body);
		}

		if (!letter.files().isEmpty()) {
			// multipart/mixed: the body as it would have gone, then each file; base64
			// and the boundaries begin no line with a dot
			body = MimeParts.mixed("=_renraku_files_" + letter.boundary(), contentType, transferEncoding, body,
					letter.files());
			contentType = "multipart/mixed; boundary=\"=_renraku_files_" + letter.boundary() + "\"";
			transferEncoding = transferEncoding.equals("8bit") ? "8bit" : "7bit";
		}

		StringBuilder headers = new StringBuilder(512);
		MimeParts.header(headers, "Date", date());
		MimeParts.header(headers, "From", fromHeader);
		MimeParts.header(headers, "To", letter.to());
		MimeParts.header(headers, "Message-ID", letter.messageId());
		MimeParts.header(headers, "Subject", subjectHeader);
		if (letter.replyTo() != null && MimeParts.printableAscii(letter.replyTo())) {
			MimeParts.header(headers, "Reply-To", letter.replyTo());
		}
		MimeParts.header(headers, "MIME-Version", "1.0");
		MimeParts.header(headers, "Content-Type", contentType);
		MimeParts.header(headers, "Content-Transfer-Encoding", transferEncoding);
		if (letter.unsubscribeUrl() != null) {
			MimeParts.header(headers, "List-Unsubscribe", "<" + Placeholders.headerSafe(letter.unsubscribeUrl()) + ">");
			MimeParts.header(headers, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		if (letter.bulk()) {
			MimeParts.header(headers, "Precedence", "bulk");
		}
		MimeParts.header(headers, "Auto-Submitted", "auto-generated");
		headers.append("\r\n");

		byte[] head = headers.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] message = new byte[head.length + body.length + 2];
		System.arraycopy(head, 0, message, 0, head.length);
		System.arraycopy(body, 0, message, head.length, body.length);
		message[message.length - 2] = '\r';
		message[message.length - 1] = '\n';
		return new Written(message, dotFree);
	}

	private String date() {
		Instant now = Instant.now();
		DateLine line = date;
		if (line.second() != now.getEpochSecond()) {
			line = new DateLine(now.getEpochSecond(),
					DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(now.getEpochSecond()), zone)));
			date = line;
		}
		return line.header();
	}

	private String cached(String key, Supplier<String> make) {
		String value = encoded.get(key);
		if (value == null) {
			if (encoded.size() > 10_000) {
				encoded.clear();
			}
			value = make.get();
			encoded.put(key, value);
		}
		return value;
	}

	/**
	 * {@code "養父市教育委員会" <renraku@city.example.jp>}: the name in RFC 2047 in the message's
	 * character set, quoted when plain ASCII needs it.
	 */
	static String fromHeader(String name, String address, Charset charset) {
		String safe = Placeholders.headerSafe(name).strip();
		if (safe.isEmpty()) {
			return address;
		}
		try {
			String word = MimeParts.printableAsciiWithSpaces(safe) ? MimeUtility.quote(safe, "()<>@,;:\\\".[]")
					: MimeUtility.encodeWord(safe, charset.name(), "B");
			return MimeUtility.fold(6, word + " <" + address + ">");
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
