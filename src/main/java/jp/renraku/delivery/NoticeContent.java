package jp.renraku.delivery;

/**
 * A notice as the engine renders it for each recipient.
 *
 * @param subject subject line; may hold placeholders
 * @param text plain-text body; may hold placeholders
 * @param emergency sent before every routine notice
 * @param askConfirmation each mail carries its personal confirmation link
 * @param trackOpens each mail (except those sent as ISO-2022-JP) carries an HTML part
 * with an image whose loading records the opening
 */
public record NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation,
		boolean trackOpens) {

	public NoticeContent(String subject, String text, boolean emergency) {
		this(subject, text, emergency, false, false);
	}

}
