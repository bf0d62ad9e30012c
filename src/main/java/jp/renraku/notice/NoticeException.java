package jp.renraku.notice;

/**
 * A refused notice operation, with the message key shown to the person.
 */
public class NoticeException extends RuntimeException {

	private final String messageKey;

	NoticeException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
