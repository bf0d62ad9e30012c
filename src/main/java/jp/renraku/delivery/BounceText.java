package jp.renraku.delivery;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a bounce that matter: its delivery-status report, its feedback report, and
 * the server's own words — the text parts (HTML when there is no plain text), without the
 * returned message that many servers quote, whose notice text must not decide.
 *
 * @param deliveryStatus the {@code message/delivery-status} part's text, or null
 * @param feedbackReport the {@code message/feedback-report} part's text, or null
 * @param text the text parts, at most 20,000 characters
 */
record BounceText(@Nullable String deliveryStatus, @Nullable String feedbackReport, String text) {

	private static final int MAX = 20_000;

	/**
	 * Where the returned message starts: the separator lines of Postfix, Sendmail, Exim,
	 * qmail, Exchange and the Japanese servers (not Sendmail's first line, "The original
	 * message was received at …").
	 */
	private static final Pattern ORIGINAL = Pattern.compile(
			"^(?:[ \\t]*-{2,}.*(?:original|copy of|returned message|message follows|below this line|元のメッセージ|元のメール|原文).*"
					+ "|[ \\t]*original message headers:.*|.*below this line is a copy of the message.*"
					+ "|[ \\t]*(?:元のメッセージ|元のメール|原文)[^\\n]{0,20})$",
			Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

	/** A line where a server writes a reply code, or starts the reason of a failure. */
	private static final Pattern REPLY_CODE = Pattern
		.compile("(?:^|said:|smtp;|\\(|\\s)[45]\\d\\d[\\s\\-:]|(?<![\\d.])[45]\\.\\d{1,3}\\.\\d{1,3}(?![\\d.])");

	/** Where there is no code, a line with the failure's wording. */
	private static final Pattern REPLY_WORDS = Pattern
		.compile("unknown|does not exist|not found|not recognized|not listed|no such|full|quota|rejected|refused|"
				+ "blocked|denied|expired|見つかりません|存在しません|一杯|いっぱい|容量|拒否|できませんでした", Pattern.CASE_INSENSITIVE);

	static BounceText read(Part mail) throws MessagingException, IOException {
		Collector collector = new Collector();
		collector.walk(mail);
		String text = collector.plain.length() > 0 ? collector.plain.toString() : collector.html.toString();
		return new BounceText(collector.deliveryStatus, collector.feedback, text);
	}

	/** The server's own words: before the returned message, without quoted lines. */
	String serverWords() {
		Matcher m = ORIGINAL.matcher(text);
		String own = m.find() ? text.substring(0, m.start()) : text;
		return own.lines()
			.filter(line -> !line.stripLeading().startsWith(">") || line.stripLeading().startsWith(">>>"))
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The server's reply in its words: the paragraph around the first line that carries a
	 * reply code or the failure's wording (Postfix folds "said: 550 5.1.1" and its reason
	 * over several lines).
	 */
	static @Nullable String serverReply(String own) {
		String[] paragraphs = own.split("\\n\\s*\\n");
		for (Pattern reply : new Pattern[] { REPLY_CODE, REPLY_WORDS }) {
			for (String paragraph : paragraphs) {
				if (reply.matcher(paragraph).find()) {
					return paragraph.strip().replaceAll("\\s*\\n\\s*", " ");
				}
			}
		}
		return null;
	}

	private static final class Collector {

		StringBuilder plain = new StringBuilder();

		StringBuilder html = new StringBuilder();

		@Nullable String deliveryStatus;

		@Nullable String feedback;

		void walk(Part part) throws MessagingException, IOException {
			if (plain.length() > MAX) {
				return;
			}
			if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
				if (deliveryStatus == null) {
					deliveryStatus = BounceParser.partText(part);
				}
			}
			else if (part.isMimeType("message/feedback-report")) {
				feedback = BounceParser.partText(part);
			}
			else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
				String content = content(part);
				if (part.isMimeType("text/plain")) {
					plain.append(content, 0, Math.min(content.length(), MAX)).append('\n');
				}
				else {
					html.append(fromHtml(content), 0, Math.min(fromHtml(content).length(), MAX)).append('\n');
				}
			}
			else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					walk(multipart.getBodyPart(i));
				}
			}
			// message/rfc822 and text/rfc822-headers: the returned message, not the
			// server's words
		}

		/**
		 * The text, also when the charset is unknown to Java (the bytes as ISO-8859-1).
		 */
		private static String content(Part part) throws MessagingException, IOException {
			try {
				return part.getContent() instanceof String text ? text : "";
			}
			catch (UnsupportedEncodingException ex) {
				String type = new ContentType(part.getContentType()).getBaseType();
				return type.startsWith("text/")
						? new String(part.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1) : "";
			}
		}

		private static String fromHtml(String html) {
			return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
				.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
				.replaceAll("<[^>]+>", " ")
				.replace("&nbsp;", " ")
				.replace("&lt;", "<")
				.replace("&gt;", ">")
				.replace("&amp;", "&")
				.replace("&quot;", "\"");
		}

	}

}
