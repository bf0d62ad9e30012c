package jp.renraku.delivery;

import jp.renraku.common.Language;
import jp.renraku.common.Sender;
import org.jspecify.annotations.Nullable;

/**
 * A single mail to a resident, written by the module it concerns (registration's
 * confirmation link, welcome and stop mails; the answer to a 「停止」 reply): it goes out
 * through the delivery engine like a notice — the sender's name in From, the sender and
 * contact at the end, ISO-2022-JP and the carrier's pace for a carrier's address.
 *
 * @param bodyId the body it is sent for
 * @param language what the text is in: the footer follows it, and a carrier's ISO-2022-JP
 * is only for Japanese
 * @param unsubscribeUrl the registrant's RFC 8058 one-click address, for mail to a
 * registrant; {@code null} for mail to someone who is not one (yet)
 */
public record ResidentMail(long bodyId, String to, Sender sender, String subject, String text,
		@Nullable String unsubscribeUrl, Language language) {

	/** A mail in Japanese. */
	public ResidentMail(long bodyId, String to, Sender sender, String subject, String text,
			@Nullable String unsubscribeUrl) {
		this(bodyId, to, sender, subject, text, unsubscribeUrl, Language.JA);
	}

}
