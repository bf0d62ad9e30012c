package jp.renraku.delivery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a bounce tells of the SMTP dialogue that failed: the command the refusal answered
 * (Postfix's "in reply to", Exim's "after", Sendmail's {@code >>>} transcript, qmail's
 * "does not like") and the receiving server's name.
 */
final class SmtpDialogue {

	private static final Pattern COMMAND = Pattern.compile(
			"in reply to (mail from|rcpt to|end of data|data|helo|ehlo|starttls|auth)|"
					+ "after (mail from|rcpt to|end of data|data|helo|ehlo|initial connection|sending data block)|"
					+ ">>> (mail from|rcpt to|data|helo|ehlo|\\.)|does not like (recipient|sender)|"
					+ "(sender was rejected)|(my name was rejected)|(wasn't able to establish an smtp connection)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FIRST_REFUSAL = Pattern.compile("<<< [45]\\d\\d");

	private static final Pattern HOST = Pattern.compile("([a-z0-9-]+(?:\\.[a-z0-9-]+)+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern TALKED_TO = Pattern.compile(
			"(?:while talking to|host|connect to) ([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,})[.\\[: ]",
			Pattern.CASE_INSENSITIVE);

	private SmtpDialogue() {
	}

	/** The SMTP command the server's reply answered, in four words. */
	static @Nullable String command(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String dialogue = text.replaceAll("\\s+", " ");
		Matcher refusal = FIRST_REFUSAL.matcher(dialogue);
		if (refusal.find()) {
			// a transcript (>>> / <<<): the command the first refusal answered
			dialogue = dialogue.substring(0, refusal.start());
		}
		Matcher m = COMMAND.matcher(dialogue);
		String found = null;
		while (m.find()) {
			for (int i = 1; i <= m.groupCount(); i++) {
				if (m.group(i) != null) {
					found = m.group(i).toLowerCase(Locale.ROOT);
				}
			}
		}
		if (found == null) {
			return null;
		}
		if (found.startsWith("mail") || found.equals("sender") || found.equals("sender was rejected")) {
			return "MAIL";
		}
		if (found.startsWith("rcpt") || found.equals("recipient")) {
			return "RCPT";
		}
		if (found.contains("data") || found.equals(".")) {
			return "DATA";
		}
		return "CONN";
	}

	/**
	 * The receiving server that refused the mail: the report's {@code Remote-MTA}, or the
	 * host the relay says it talked to.
	 */
	static @Nullable String remoteHost(@Nullable String remoteMta, String own) {
		String text = remoteMta != null ? remoteMta.replaceFirst("^[^;]*;", "") : own;
		Matcher m = (remoteMta != null ? HOST : TALKED_TO).matcher(text);
		return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
	}

}
