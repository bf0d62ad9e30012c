package jp.renraku.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.mail.IncomingMail;
import org.jspecify.annotations.Nullable;

/**
 * Reads a mail from the bounce mailbox: which delivery it is about (the token in the
 * return path it was sent to — never guessed from the text), and whether the address is
 * dead (hard) or the trouble may pass (soft). Delivery status notifications (RFC 3464)
 * are read field by field; other formats (qmail, Exchange, Japanese servers' own texts)
 * by their status codes and wording.
 */
final class BounceParser {

	/** How lasting the failure is. */
	enum Kind {

		/** The address does not exist or is disabled: stop sending at once. */
		HARD,
		/** Full mailbox, temporary or policy refusal: stop only if it keeps happening. */
		SOFT

	}

	/**
	 * A bounce of one of our deliveries.
	 *
	 * @param token the return path's token, not yet checked
	 * @param key what makes the same bounce read twice recognisable
	 */
	record Report(String token, Kind kind, @Nullable String status, @Nullable String diagnostic, String key) {
	}

	private static final Pattern RETURN_PATH = Pattern.compile("bounce\\+([0-9a-f]{52})@", Pattern.CASE_INSENSITIVE);

	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	/**
	 * A basic SMTP reply code where servers write one: at the start of a line, or after
	 * "said:", "smtp;" or "(" — not any number in the text (「550人が避難」).
	 */
	private static final Pattern BASIC = Pattern.compile("(?:^|said:|smtp;|\\()\\s*(5[05]\\d|4[257]\\d)(?=[\\s-])",
			Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

	private static final Pattern HARD_WORDS = Pattern.compile(
			"user unknown|unknown user|no such user|does not exist|"
					+ "doesn't exist|mailbox unavailable|invalid recipient|recipient address rejected|no mailbox|"
					+ "address rejected|not our customer|account (?:has been )?disabled|宛先が見つかりません|存在しません|宛先不明",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern SOFT_WORDS = Pattern.compile(
			"mailbox (?:is )?full|over quota|quota exceeded|insufficient storage|temporar|try again|容量|一時的",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|delivery (?:status|failure|has failed)|"
			+ "returned mail|failure notice|mail delivery|配信不能|配送失敗|送信エラー|届きませんでした", Pattern.CASE_INSENSITIVE);

	private static final Pattern ORIGINAL = Pattern.compile(
			"^.*(?:original message|copy of (?:the|your) message|message follows|returned message|元のメッセージ|原文).*$",
			Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

	private BounceParser() {
	}

	/**
	 * The bounce, or empty for a mail that is not one of ours (no token in the address it
	 * came to), only a delay notice, or not a bounce at all (an auto-reply). Addresses in
	 * the diagnostic are replaced by {@code addressMask}.
	 */
	static Optional<Report> parse(MimeMessage message, String addressMask) throws MessagingException, IOException {
		String token = IncomingMail.addressedTo(message, RETURN_PATH);
		if (token == null) {
			return Optional.empty();
		}
		String key = IncomingMail.key(message);
		String report = deliveryStatus(message);
		if (report != null) {
			return fromDeliveryStatus(token, key, report, addressMask);
		}
		String subject = message.getSubject() == null ? "" : message.getSubject();
		String from = message.getHeader("From", ",");
		boolean daemon = from != null && from.toLowerCase(Locale.ROOT).matches("(?s).*(mailer-daemon|postmaster).*");
		if (!daemon && !BOUNCE_SUBJECT.matcher(subject).find()) {
			// a person's or an auto-responder's mail (「不在のお知らせ」) that reached the return
			// path: not a bounce, whatever numbers and words it quotes
			return Optional.empty();
		}
		String text = subject + "\n" + withoutOriginal(text(message, new StringBuilder()).toString());
		Kind kind = classify(text);
		if (kind == null) {
			kind = Kind.SOFT;
		}
		Matcher enhanced = ENHANCED.matcher(text);
		String status = enhanced.find() ? enhanced.group() : null;
		return Optional.of(new Report(token, kind, status, diagnostic(text, addressMask), key));
	}

	/** The message/delivery-status part's text, or null. */
	private static @Nullable String deliveryStatus(Part part) throws MessagingException, IOException {
		if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
			try (InputStream in = part.getInputStream()) {
				return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
			}
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = deliveryStatus(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * Per-recipient fields of a delivery status notification: a failed recipient is a
	 * bounce (hard or soft by its status); only delayed ones are not a bounce yet.
	 */
	private static Optional<Report> fromDeliveryStatus(String token, String key, String report, String addressMask) {
		String unfolded = report.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
		Map<String, String> failed = null;
		for (String group : unfolded.split("\n\\s*\n")) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (String line : group.split("\n")) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					fields.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
							line.substring(colon + 1).strip());
				}
			}
			if ("failed".equalsIgnoreCase(fields.getOrDefault("action", ""))) {
				failed = fields;
				break;
			}
		}
		if (failed == null) {
			return Optional.empty();
		}
		String status = failed.getOrDefault("status", "").replaceAll("\\s.*", "");
		String diagnostic = failed.get("diagnostic-code");
		Kind kind = kindOf(status);
		if (kind == null) {
			kind = classify(diagnostic == null ? "" : diagnostic);
		}
		return Optional.of(new Report(token, kind == null ? Kind.SOFT : kind, status.isEmpty() ? null : status,
				diagnostic == null ? null : shortened(diagnostic, addressMask), key));
	}

	/**
	 * Hard only for a bad or disabled address (5.1.x, 5.2.1); a full mailbox (5.2.2),
	 * system, network and policy refusals (spam filters answer 5.7.x) and every 4.x.x are
	 * soft: they say nothing certain about the address.
	 */
	private static @Nullable Kind kindOf(String status) {
		Matcher m = ENHANCED.matcher(status);
		if (!m.find()) {
			return null;
		}
		if (m.group(1).equals("5") && (m.group(2).equals("1") || (m.group(2).equals("2") && m.group(3).equals("1")))) {
			return Kind.HARD;
		}
		return m.group(1).equals("2") ? null : Kind.SOFT;
	}

	/** From a text without a report: status codes first, then wording. */
	private static @Nullable Kind classify(String text) {
		Matcher enhanced = ENHANCED.matcher(text);
		while (enhanced.find()) {
			Kind kind = kindOf(enhanced.group());
			if (kind != null) {
				return kind;
			}
		}
		if (HARD_WORDS.matcher(text).find()) {
			return Kind.HARD;
		}
		if (SOFT_WORDS.matcher(text).find()) {
			return Kind.SOFT;
		}
		Matcher basic = BASIC.matcher(text);
		if (basic.find()) {
			String code = basic.group(1);
			return code.equals("550") || code.equals("551") || code.equals("553") ? Kind.HARD : Kind.SOFT;
		}
		return null;
	}

	/**
	 * The server's own words only: the copy of our mail that many servers quote below
	 * them holds the notice's text, whose words must not decide.
	 */
	private static String withoutOriginal(String text) {
		Matcher m = ORIGINAL.matcher(text);
		String own = m.find() ? text.substring(0, m.start()) : text;
		// lines quoted with ">" are someone else's words too
		return own.lines().filter(line -> !line.stripLeading().startsWith(">")).collect(Collectors.joining("\n"));
	}

	/** The first line that carries a status code or the failure's wording. */
	private static @Nullable String diagnostic(String text, String addressMask) {
		for (String line : text.split("\r?\n")) {
			if (ENHANCED.matcher(line).find() || BASIC.matcher(line).find() || HARD_WORDS.matcher(line).find()
					|| SOFT_WORDS.matcher(line).find()) {
				return shortened(line.strip(), addressMask);
			}
		}
		return null;
	}

	/**
	 * One line of at most 300 characters, with addresses masked: the reason goes into the
	 * audit trail, which holds no addresses.
	 */
	private static String shortened(String text, String addressMask) {
		String line = ADDRESS.matcher(text.replaceAll("[\\p{Cntrl}]", " "))
			.replaceAll(Matcher.quoteReplacement(addressMask))
			.strip();
		return line.length() > 300 ? line.substring(0, 300) : line;
	}

	/**
	 * The text parts, up to 20,000 characters: the returned message's own text included.
	 */
	private static StringBuilder text(Part part, StringBuilder into) throws MessagingException, IOException {
		if (into.length() > 20_000) {
			return into;
		}
		if (part.isMimeType("text/plain")) {
			Object content = part.getContent();
			if (content instanceof String text) {
				into.append(text, 0, Math.min(text.length(), 20_000)).append('\n');
			}
		}
		else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			List<BodyPart> parts = new ArrayList<>();
			for (int i = 0; i < multipart.getCount(); i++) {
				parts.add(multipart.getBodyPart(i));
			}
			for (BodyPart child : parts) {
				text(child, into);
			}
		}
		return into;
	}

}
