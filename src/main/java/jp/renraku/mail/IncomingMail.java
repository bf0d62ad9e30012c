package jp.renraku.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A kind of mail the mail-in mailbox receives, handled by the module it concerns: bounces
 * (delivery), empty mails to a list's registration address (registration), replies to
 * notices (confirmation). Each recognises its own mail by the address it came to
 * ({@link #addressedTo}); the mailbox offers each mail to the handlers in their
 * {@code @Order} until one takes it.
 */
public interface IncomingMail {

	/** Where mail servers write the address a mail was delivered to. */
	String[] RECIPIENT_HEADERS = { "X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To", "Cc" };

	/** What a handler did with a mail. */
	enum Outcome {

		/** Not this handler's: the next one is asked. */
		NOT_MINE,
		/** This handler's, and it recorded something new (a bounce). */
		RECORDED,
		/** This handler's, read before (the same bounce again). */
		DUPLICATE,
		/** This handler's, dealt with (answered, kept, or deliberately ignored). */
		HANDLED

	}

	Outcome handle(MimeMessage message) throws Exception;

	/**
	 * The first group of {@code address} in the first recipient header it matches, in
	 * lower case ({@code bounce+<token>@…}, {@code entry+<code>@…},
	 * {@code reply+<token>@…}), or null.
	 */
	static @Nullable String addressedTo(MimeMessage message, Pattern address) throws MessagingException {
		for (String name : RECIPIENT_HEADERS) {
			String[] values = message.getHeader(name);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				Matcher m = address.matcher(value);
				if (m.find()) {
					return m.group(1).toLowerCase(Locale.ROOT);
				}
			}
		}
		return null;
	}

	/**
	 * What makes the same mail read twice (by two nodes, or kept by a server)
	 * recognisable: its Message-ID, or a hash of the whole mail when it has none.
	 */
	static String key(MimeMessage message) throws MessagingException, IOException {
		String id = message.getMessageID();
		if (id != null && !id.isBlank() && id.length() <= 190) {
			return "id:" + id.strip();
		}
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
