package jp.renraku.delivery;

import jp.renraku.common.Language;
import jp.renraku.common.Sender;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to address one message, looked up when it sends.
 *
 * @param registrantId the registrant
 * @param email normalised address (legacy mobile forms allowed)
 * @param name the registrant's name, if the list collects it
 * @param manageUrl personal link to change details or stop
 * @param unsubscribeUrl RFC 8058 one-click address
 * @param sender who the mail is from for this recipient: the sender of the list they
 * registered on
 * @param language the language the registrant reads: the fixed parts of the mail (the
 * confirmation line, the footer) are in it, and their personal links open pages in it
 */
public record Recipient(long registrantId, String email, @Nullable String name, String manageUrl, String unsubscribeUrl,
		Sender sender, Language language) {

	/** A recipient who reads Japanese. */
	public Recipient(long registrantId, String email, @Nullable String name, String manageUrl, String unsubscribeUrl,
			Sender sender) {
		this(registrantId, email, name, manageUrl, unsubscribeUrl, sender, Language.JA);
	}

}
