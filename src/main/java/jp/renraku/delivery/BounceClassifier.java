package jp.renraku.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides why a mail came back from what the bounce says ({@link BounceEvidence}), the
 * way the public bounce libraries do (sisimai) and RFC 3463 defines the codes:
 * <ol>
 * <li>the remote server's wording, read first in its reply and then in the rest of the
 * bounce ({@link BounceWords}): a reply that says "over quota" is a full mailbox whatever
 * {@code Status:} a relay put beside it;</li>
 * <li>else the enhanced code in the reply, which beats a generic {@code Status:}; then
 * the {@code Status:}; then a code in the bounce's text;</li>
 * <li>a bare 550 / 553 / 554 says only that it failed: never that the address is
 * gone.</li>
 * </ol>
 * Then what the SMTP dialogue says: a refusal of {@code MAIL FROM} or of the connection
 * is about the city's sender, never the resident's address; "user unknown" answered to
 * the message's content (after {@code DATA}) is a filter. A reason that would stop the
 * address is only believed from a lasting failure: with a 4.x.x code or "try again" it
 * counts as a system error.
 */
final class BounceClassifier {

	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");

	/** A basic reply code at the start of the reply or of a line. */
	private static final Pattern BASIC = Pattern.compile("(?:^|\\n|said:|smtp;|\\()\\s*([45]\\d\\d)(?=[\\s\\-:]|$)");

	/** The Japanese carriers' mail servers. */
	private static final Pattern CARRIER = Pattern.compile(
			"(?:^|\\.)(?:docomo\\.ne\\.jp|ezweb\\.ne\\.jp|au\\.com|softbank\\.ne\\.jp|softbank\\.jp|disney\\.ne\\.jp|rakumail\\.jp)$");

	/** Reporters whose Status 5.2.0 means the resident's filter (docomo's). */
	private static final Pattern DOCOMO = Pattern.compile("(?:^|\\.)docomo\\.ne\\.jp$");

	private static final Map<String, BounceReason> SUBJECT = Map.ofEntries(Map.entry("1.1", BounceReason.USER_UNKNOWN),
			Map.entry("1.2", BounceReason.HOST_UNKNOWN), Map.entry("1.3", BounceReason.USER_UNKNOWN),
			Map.entry("1.6", BounceReason.HAS_MOVED), Map.entry("1.7", BounceReason.SENDER_REJECTED),
			Map.entry("1.8", BounceReason.SENDER_REJECTED), Map.entry("1.10", BounceReason.HOST_UNKNOWN),
			Map.entry("2.1", BounceReason.SUSPENDED), Map.entry("2.2", BounceReason.MAILBOX_FULL),
			Map.entry("2.3", BounceReason.MESSAGE_TOO_BIG), Map.entry("3.4", BounceReason.MESSAGE_TOO_BIG),
			Map.entry("4.4", BounceReason.HOST_UNKNOWN), Map.entry("4.7", BounceReason.EXPIRED),
			Map.entry("7.1", BounceReason.POLICY), Map.entry("7.23", BounceReason.POLICY),
			Map.entry("7.25", BounceReason.BLOCKED), Map.entry("7.26", BounceReason.POLICY),
			Map.entry("7.27", BounceReason.SENDER_REJECTED));

	/**
	 * The rules' version, kept with each bounce: 1 was the first parser (hard or soft by
	 * status code), 2 reads reasons.
	 */
	static final int VERSION = 2;

	private BounceClassifier() {
	}

	static BounceReason classify(BounceEvidence evidence) {
		if (evidence.format() == BounceEvidence.Format.REPLY) {
			return BounceReason.VACATION;
		}
		if (evidence.format() == BounceEvidence.Format.FEEDBACK) {
			return BounceReason.FEEDBACK;
		}
		String reply = normalised(evidence.diagnostic());
		// not the subject: many servers put the notice's own subject in theirs
		String text = normalised(evidence.text());
		BounceReason reason = byWords(reply);
		if (reason == null) {
			reason = byWords(text);
		}
		if (reason == null) {
			reason = byCode(enhanced(reply), evidence.reporter());
		}
		if (reason == null) {
			reason = byCode(evidence.status(), evidence.reporter());
		}
		if (reason == null) {
			reason = byCode(enhanced(text), evidence.reporter());
		}
		if (reason == null) {
			reason = byBasicCode(reply.isEmpty() ? text : reply, evidence.action());
		}
		return inContext(givenUp(reason, evidence), evidence, reply + "\n" + text);
	}

	/**
	 * A final failure after retrying (4.4.7, {@code Action: expired}, or a temporary code
	 * in a bounce) is an expiry, unless the words name something narrower than the
	 * connection's trouble.
	 */
	private static BounceReason givenUp(BounceReason reason, BounceEvidence evidence) {
		String status = evidence.status() == null ? "" : evidence.status();
		boolean expired = "expired".equalsIgnoreCase(evidence.action()) || status.matches("[45]\\.4\\.7");
		boolean temporary = status.startsWith("4") && !"delayed".equalsIgnoreCase(evidence.action());
		if ((expired || temporary) && (reason == BounceReason.SYSTEM_ERROR || reason == BounceReason.BLOCKED
				|| reason == BounceReason.UNDEFINED || (expired && reason == BounceReason.HOST_UNKNOWN))) {
			return BounceReason.EXPIRED;
		}
		return reason;
	}

	/** What the SMTP dialogue and the code class say about a reason found. */
	private static BounceReason inContext(BounceReason reason, BounceEvidence evidence, String all) {
		if (reason.effect() != BounceReason.Effect.STOPS) {
			return reason;
		}
		String command = evidence.command() == null ? "" : evidence.command();
		switch (command) {
			case "MAIL" -> {
				return BounceReason.SENDER_REJECTED;
			}
			case "CONN" -> {
				return BounceReason.BLOCKED;
			}
			case "DATA" -> {
				// a carrier that accepted the recipient and refuses the content: its
				// filter
				if (reason == BounceReason.USER_UNKNOWN && evidence.reporter() != null
						&& CARRIER.matcher(evidence.reporter()).find()) {
					return BounceReason.FILTERED;
				}
			}
			default -> {
			}
		}
		if (temporary(evidence, all)) {
			return BounceReason.SYSTEM_ERROR;
		}
		return reason;
	}

	/**
	 * A failure that may pass: a 4.x.x status or 4xx reply and no permanent one, or a
	 * server that says to try again.
	 */
	private static boolean temporary(BounceEvidence evidence, String all) {
		String status = evidence.status() == null ? "" : evidence.status();
		String reply = normalised(evidence.diagnostic());
		Matcher basic = BASIC.matcher(reply);
		boolean permanentReply = basic.find() ? basic.group(1).startsWith("5") : !status.startsWith("4");
		if (status.startsWith("4") && !permanentReply) {
			return true;
		}
		return BounceWords.TEMPORARY.matcher(all).find() && !status.startsWith("5");
	}

	private static @Nullable BounceReason byWords(String text) {
		if (text.isBlank()) {
			return null;
		}
		for (var entry : BounceWords.IN_ORDER.entrySet()) {
			if (entry.getValue().matcher(text).find()) {
				return entry.getKey();
			}
		}
		return BounceWords.LATE_POLICY.matcher(text).find() ? BounceReason.POLICY : null;
	}

	/**
	 * The reason an enhanced status code names (RFC 3463, 5248), or null for a generic
	 * one.
	 */
	static @Nullable BounceReason byCode(@Nullable String code, @Nullable String reporter) {
		if (code == null) {
			return null;
		}
		Matcher m = ENHANCED.matcher(code);
		if (!m.find() || m.group(1).equals("2")) {
			return null;
		}
		String detail = m.group(2) + "." + m.group(3);
		if (detail.equals("2.0") && reporter != null && DOCOMO.matcher(reporter).find()) {
			// docomo answers its residents' 指定受信 refusals with 5.2.0
			return BounceReason.FILTERED;
		}
		BounceReason named = SUBJECT.get(detail);
		if (named != null) {
			return named;
		}
		return switch (m.group(2)) {
			case "3", "4", "5" -> m.group(3).equals("0") ? null : BounceReason.SYSTEM_ERROR;
			case "6" -> BounceReason.CONTENT;
			case "7" -> m.group(3).equals("0") ? null : BounceReason.POLICY;
			default -> null;
		};
	}

	/**
	 * The last resort: only a reply code. 552 is "exceeded storage allocation"; a 4xx may
	 * pass; 550, 553 and 554 say no more than "failed".
	 */
	private static BounceReason byBasicCode(String text, @Nullable String action) {
		if ("expired".equalsIgnoreCase(action) || "delayed".equalsIgnoreCase(action)) {
			return BounceReason.EXPIRED;
		}
		Matcher m = BASIC.matcher(text);
		if (m.find()) {
			String code = m.group(1);
			if (code.equals("552")) {
				return BounceReason.MAILBOX_FULL;
			}
			if (code.startsWith("4")) {
				return BounceReason.SYSTEM_ERROR;
			}
		}
		return BounceReason.UNDEFINED;
	}

	private static @Nullable String enhanced(String text) {
		Matcher m = ENHANCED.matcher(text);
		while (m.find()) {
			if (!m.group(1).equals("2")) {
				return m.group();
			}
		}
		return null;
	}

	private static String normalised(@Nullable String text) {
		return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[ \\t\\x{3000}]+", " ");
	}

}
