package jp.renraku.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.mail.IncomingMail;
import org.jspecify.annotations.Nullable;

/**
 * Reads a mail from the bounce mailbox: which delivery it is about (the token in the
 * return path it was sent to — never guessed from the text), and what it says
 * ({@link BounceEvidence}, addresses masked): a delivery status notification (RFC 3464)
 * field by field, a feedback report (RFC 5965), or the server's own words (qmail,
 * Exchange 2003, Domino, the carriers' notices). What the evidence means is
 * {@link BounceClassifier}'s to decide.
 */
final class BounceParser {

	/**
	 * A mail at one of our return paths.
	 *
	 * @param token the return path's token, not yet checked
	 * @param key what makes the same bounce read twice recognisable
	 */
	record Report(String token, String key, BounceEvidence evidence) {
	}

	private static final Pattern RETURN_PATH = Pattern.compile("bounce\\+([0-9a-f]{52})@", Pattern.CASE_INSENSITIVE);

	private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
			"undeliver|undelivered|delivery (?:status|failure|has failed|failed|notification|problem)|non-?delivery|"
					+ "returned mail|returned to sender|failure notice|mail delivery|could not be delivered|"
					+ "mail system error|rejected|配信不能|配送失敗|送信エラー|メールエラー|エラー通知|届きませんでした|不達|配信(?:に)?失敗",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern DAEMON = Pattern.compile(
			"mailer-daemon|postmaster|mail ?delivery|mail-?daemon|bounce|no-?reply@[^>]*\\.dion\\.ne\\.jp|nobody@",
			Pattern.CASE_INSENSITIVE);

	/**
	 * An auto-reply's own signs; a bounce written by a daemon is not one, whatever it
	 * says.
	 */
	private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
			"^(?:auto(?:matic)?[ -]?(?:reply|response)|out of (?:the )?office|autoreply|不在|自動(?:応答|返信))",
			Pattern.CASE_INSENSITIVE);

	/** A notice that delivery is only late: the server keeps trying. */
	private static final Pattern DELAY_ONLY = Pattern.compile(
			"will (?:continue|keep) (?:trying|to try)|still trying|"
					+ "has not yet been delivered|no action is required|delivery (?:has been )?delayed|再送を試みます",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern RETURN_PATH_DOMAIN = Pattern.compile("bounce\\+[0-9a-f]{52}@([a-z0-9.-]+)",
			Pattern.CASE_INSENSITIVE);

	/**
	 * What stands for the mail-in domain in the evidence ({@link BounceWords} reads it).
	 */
	static final String OUR_DOMAIN = "(our-domain)";

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

	private BounceParser() {
	}

	/**
	 * The mail's report, or empty for a mail that is not at one of our return paths or
	 * only tells that delivery is late. Addresses are replaced by {@code addressMask}.
	 */
	static Optional<Report> parse(MimeMessage message, String addressMask) throws MessagingException, IOException {
		String token = IncomingMail.addressedTo(message, RETURN_PATH);
		if (token == null) {
			return Optional.empty();
		}
		String key = IncomingMail.key(message);
		String subject = message.getSubject() == null ? "" : message.getSubject();
		String from = message.getHeader("From", ",");
		String reporter = reporter(from);
		BounceText mail = BounceText.read(message);
		String ourDomain = IncomingMail.addressedTo(message, RETURN_PATH_DOMAIN);
		String own = ours(mail.serverWords(), ourDomain);
		String[] spasign = message.getHeader("X-SPASIGN");
		if (spasign != null && spasign.length > 0 && spasign[0].strip().equalsIgnoreCase("NG")) {
			// au marks mail that its resident's filter refused
			own = "X-SPASIGN: NG\n" + own;
		}
		if (mail.feedbackReport() != null) {
			return Optional.of(new Report(token, key,
					new BounceEvidence(BounceEvidence.Format.FEEDBACK, null,
							shortened(field(fields(mail.feedbackReport()), "feedback-type"), addressMask, 100), null,
							null, reporter, shortened(subject, addressMask, 200), null)));
		}
		if (mail.deliveryStatus() != null) {
			Map<String, String> failed = recipientFields(mail.deliveryStatus());
			if (failed == null) {
				return Optional.empty();
			}
			if (!failed.isEmpty()) {
				String diagnostic = field(failed, "diagnostic-code");
				if (diagnostic != null) {
					diagnostic = diagnostic.replaceFirst("(?i)^\\s*(?:smtp|x-[\\w-]+)\\s*;\\s*", "");
				}
				diagnostic = diagnostic == null || diagnostic.isBlank() ? BounceText.serverReply(own)
						: ours(diagnostic, ourDomain);
				String remote = SmtpDialogue.remoteHost(field(failed, "remote-mta"), own);
				String status = field(failed, "status");
				return Optional.of(new Report(token, key,
						new BounceEvidence(BounceEvidence.Format.DSN,
								status == null ? null : shortened(status.replaceAll("\\s.*", ""), addressMask, 20),
								shortened(diagnostic, addressMask, 1000), SmtpDialogue.command(diagnostic + "\n" + own),
								shortened(field(failed, "action"), addressMask, 20), remote != null ? remote : reporter,
								shortened(subject, addressMask, 200), shortened(own, addressMask, 1500))));
			}
		}
		Optional<Report> ses = SesNotifications.read(token, key, mail.text(), reporter, subject, addressMask);
		if (ses.isPresent()) {
			return ses;
		}
		boolean daemon = from != null && DAEMON.matcher(from).find();
		boolean autoReply = AUTO_REPLY_SUBJECT.matcher(subject.strip()).find()
				|| message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null;
		if ((!daemon && !BOUNCE_SUBJECT.matcher(subject).find()) || (autoReply && !daemon)) {
			// a person's or an auto-responder's mail (「不在のお知らせ」) that reached the return
			// path: not a bounce, whatever numbers and words it quotes
			return Optional.of(new Report(token, key, new BounceEvidence(BounceEvidence.Format.REPLY, null, null, null,
					null, reporter, shortened(subject, addressMask, 200), null)));
		}
		if (DELAY_ONLY.matcher(own).find() && !own.matches("(?is).*(?:permanent|gave up|giving up|failed).*")) {
			return Optional.empty();
		}
		String reply = BounceText.serverReply(own);
		Matcher enhanced = Pattern.compile("(?<![\\d.])[45]\\.\\d{1,3}\\.\\d{1,3}(?![\\d.])").matcher(own);
		return Optional.of(new Report(token, key,
				new BounceEvidence(BounceEvidence.Format.TEXT, enhanced.find() ? enhanced.group() : null,
						shortened(reply, addressMask, 1000), SmtpDialogue.command(own), null,
						SmtpDialogue.remoteHost(null, own) != null ? SmtpDialogue.remoteHost(null, own) : reporter,
						shortened(subject, addressMask, 200), shortened(own, addressMask, 1500))));
	}

	/**
	 * The fields of the report's recipient that failed (or expired); an empty map when
	 * the report names no final outcome, so the text decides; null when it only tells of
	 * a delay.
	 */
	private static @Nullable Map<String, String> recipientFields(String report) {
		String unfolded = report.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ");
		Map<String, String> expired = null;
		boolean delayed = false;
		for (String group : unfolded.split("\n\\s*\n")) {
			Map<String, String> fields = fields(group);
			String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT);
			if (action.startsWith("failed")) {
				return fields;
			}
			if (action.startsWith("expired") && expired == null) {
				expired = fields;
			}
			delayed |= action.startsWith("delayed");
		}
		if (expired != null) {
			return expired;
		}
		return delayed ? null : Map.of();
	}

	private static Map<String, String> fields(String group) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : group.replace("\r\n", "\n").replaceAll("\n[ \t]+", " ").split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				fields.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).strip());
			}
		}
		return fields;
	}

	private static @Nullable String field(Map<String, String> fields, String name) {
		String value = fields.get(name);
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * The mail-in domain where a server names it on its own (not in an address): a reply
	 * that says it does not exist is about the city's return path, not the resident.
	 */
	private static String ours(String text, @Nullable String domain) {
		if (domain == null || domain.isBlank()) {
			return text;
		}
		return Pattern.compile("(?<![@\\w.-])" + Pattern.quote(domain) + "(?![\\w-])", Pattern.CASE_INSENSITIVE)
			.matcher(text)
			.replaceAll(OUR_DOMAIN);
	}

	/** The domain that wrote the bounce. */
	private static @Nullable String reporter(@Nullable String from) {
		if (from == null) {
			return null;
		}
		try {
			InternetAddress[] parsed = InternetAddress.parseHeader(from, false);
			String address = parsed.length == 0 ? null : parsed[0].getAddress();
			if (address != null && address.contains("@")) {
				String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
				return domain.length() > 100 ? domain.substring(0, 100) : domain;
			}
		}
		catch (MessagingException ex) {
			// an unreadable From names no reporter
		}
		return null;
	}

	/**
	 * At most {@code max} characters with addresses masked and control characters gone:
	 * what is kept of a bounce holds no addresses.
	 */
	static @Nullable String shortened(@Nullable String text, String addressMask, int max) {
		if (text == null) {
			return null;
		}
		String masked = ADDRESS.matcher(text.replace("\r", "").replaceAll("[\\p{Cntrl}&&[^\\n]]", " "))
			.replaceAll(Matcher.quoteReplacement(addressMask))
			.replaceAll("[ \\t]+", " ")
			.replaceAll("\\n\\s*\\n+", "\n")
			.strip();
		if (masked.isEmpty()) {
			return null;
		}
		return masked.length() > max ? masked.substring(0, max) : masked;
	}

	/** The text of a report part, as US-ASCII or UTF-8 (RFC 6533). */
	static String partText(Part part) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
		}
	}

}
