package jp.renraku.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a carrier phone must get of every resident mail (issue 14), checked on the bytes
 * the mail catcher received: seven-bit ISO-2022-JP, the sender's name in From, who sent
 * it and where to ask at the end, and the date in the city's time.
 */
public final class CarrierLetters {

	private CarrierLetters() {
	}

	/**
	 * Asserts that the mail reads as a carrier phone should show it: from
	 * {@code senderName}, with {@code footerLines} at its end.
	 */
	public static void assertCarrierSafe(MailCatcher.CaughtMail mail, String senderName, String... footerLines) {
		String raw = mail.raw();
		String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
		assertThat(raw.chars()).as("seven bits only").allMatch(c -> c < 0x80);
		assertThat(headers).containsIgnoringCase("Content-Type: text/plain; charset=ISO-2022-JP")
			.contains("Content-Transfer-Encoding: 7bit")
			.contains("Subject: =?ISO-2022-JP?B?")
			.contains("From: =?ISO-2022-JP?B?");
		assertThat(header(headers, "Date")).as("the city's time").endsWith("+0900");
		InternetAddress from = from(raw);
		assertThat(from.getPersonal()).isEqualTo(senderName);
		assertThat(mail.body()).contains("差出人: " + senderName);
		for (String line : footerLines) {
			assertThat(mail.body()).contains(line);
		}
	}

	private static InternetAddress from(String raw) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
			return (InternetAddress) message.getFrom()[0];
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new AssertionError("From cannot be read: " + raw, ex);
		}
	}

	/** A header's value, unfolded. */
	public static String header(String headers, String name) {
		for (String line : headers.replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n")) {
			if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
				return line.substring(name.length() + 1).strip();
			}
		}
		throw new AssertionError("no " + name + " in " + headers);
	}

}
