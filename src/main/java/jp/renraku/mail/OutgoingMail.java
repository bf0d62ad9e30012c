package jp.renraku.mail;

import java.util.Map;

/**
 * One message to one recipient. Addresses are never listed together: a mail to many
 * people is many messages.
 *
 * @param to the recipient's normalised address (legacy mobile addresses allowed)
 * @param subject subject line, any Unicode
 * @param text plain-text body, any Unicode
 * @param headers extra headers, such as List-Unsubscribe
 */
public record OutgoingMail(String to, String subject, String text, Map<String, String> headers) {

	public OutgoingMail(String to, String subject, String text) {
		this(to, subject, text, Map.of());
	}

}
