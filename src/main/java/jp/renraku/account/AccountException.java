package jp.renraku.account;

/**
 * A refused account operation, carrying the message key shown to the person.
 */
public class AccountException extends RuntimeException {

	private final String messageKey;

	AccountException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
