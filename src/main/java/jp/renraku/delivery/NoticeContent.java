package jp.renraku.delivery;

/**
 * A notice as the engine renders it for each recipient.
 *
 * @param subject subject line; may hold placeholders
 * @param text plain-text body; may hold placeholders
 * @param emergency sent before every routine notice
 */
public record NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation) {

	public NoticeContent(String subject, String text, boolean emergency) {
		this(subject, text, emergency, false);
	}

}
