package jp.renraku.registration;

/**
 * A refused registration operation, with the message key shown to the person.
 */
public class RegistrationException extends RuntimeException {

	private final String messageKey;

	RegistrationException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
