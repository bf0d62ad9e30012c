package jp.renraku.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * The development mail catcher: a real SMTP server (GreenMail) on 127.0.0.1 that keeps
 * every message in memory for the outbox page. Never listens on another interface.
 */
public final class MailCatcher {

	private final GreenMail greenMail;

	MailCatcher(int port) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		this.greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
	}

	void start() {
		greenMail.start();
	}

	void stop() {
		greenMail.stop();
	}

	public int port() {
		return greenMail.getSmtp().getPort();
	}

	/**
	 * A caught message as the outbox page lists it; {@code html} is its HTML part, if it
	 * has one; {@code raw} the message as it came over the wire, one char per octet.
	 */
	public record CaughtMail(Instant receivedAt, String from, List<String> to, String subject, String body,
			String rawHeaders, String html, String raw) {
	}

	/** Every caught message, newest first. */
	public List<CaughtMail> caught() {
		List<CaughtMail> result = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			result.add(toCaught(message));
		}
		result.sort(Comparator.comparing(CaughtMail::receivedAt).reversed());
		return result;
	}

	public void clear() {
		try {
			greenMail.purgeEmailFromAllMailboxes();
		}
		catch (Exception ex) {
			throw new IllegalStateException("mail catcher could not be emptied", ex);
		}
	}

	private static CaughtMail toCaught(MimeMessage message) {
		try {
			Date received = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
			return new CaughtMail(received == null ? Instant.EPOCH : received.toInstant(), header(message, "From"),
					recipients(message), message.getSubject() == null ? "" : message.getSubject(), textOf(message),
					GreenMailUtil.getHeaders(message), htmlOf(message), raw(message));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("caught message could not be read", ex);
		}
	}

	private static String raw(MimeMessage message) throws MessagingException {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			message.writeTo(bytes);
			return bytes.toString(StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new MessagingException("unreadable message", ex);
		}
	}

	/** The readable text: decoded, the first text part of a multipart message. */
	private static String textOf(Part part) throws MessagingException {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					if (child.isMimeType("text/*") || child.isMimeType("multipart/*")) {
						return textOf(child);
					}
				}
			}
			return "";
		}
		catch (IOException ex) {
			throw new MessagingException("unreadable content", ex);
		}
	}

	/** The HTML part of a multipart/alternative message, or "". */
	private static String htmlOf(Part part) throws MessagingException {
		try {
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					if (child.isMimeType("text/html")) {
						return (String) child.getContent();
					}
				}
			}
			return "";
		}
		catch (IOException ex) {
			throw new MessagingException("unreadable content", ex);
		}
	}

	/**
	 * The To header as written, split at commas: parsing it as addresses would refuse the
	 * legacy mobile addresses the catcher must show.
	 */
	private static List<String> recipients(MimeMessage message) throws MessagingException {
		String to = header(message, "To");
		return to.isEmpty() ? List.of() : Arrays.stream(to.split(",")).map(String::strip).toList();
	}

	private static String header(MimeMessage message, String name) throws MessagingException {
		String value = message.getHeader(name, ",");
		if (value == null) {
			return "";
		}
		try {
			return MimeUtility.decodeText(MimeUtility.unfold(value));
		}
		catch (UnsupportedEncodingException ex) {
			return value;
		}
	}

}
