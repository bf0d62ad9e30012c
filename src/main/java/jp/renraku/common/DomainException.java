package jp.renraku.common;

/**
 * A request a domain rule refuses, carrying the message key (Japanese first) that tells
 * the person why. Each module has one subtype; {@link DomainExceptionAdvice} turns a
 * refusal of a form's action into that message on the form's page.
 */
public abstract class DomainException extends RuntimeException {

	private final String messageKey;

	protected DomainException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
