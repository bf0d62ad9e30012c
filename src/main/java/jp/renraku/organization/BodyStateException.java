package jp.renraku.organization;

/**
 * An illegal state transition, such as suspending a body that is already suspended.
 */
public class BodyStateException extends RuntimeException {

	private final String messageKey;

	BodyStateException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
