package jp.renraku.common;

/**
 * A request a domain rule refuses, carrying the message key (Japanese first) that tells
 * the person why. Each module has one subtype; {@link DomainExceptionAdvice} turns a
 * refusal of a form's action into that message on the form's page.
 */
public abstract class DomainException extends RuntimeException {

	private final String messageKey;

	private final transient Object[] arguments;

	protected DomainException(String messageKey) {
		this(messageKey, new Object[0]);
	}

	/** A refusal whose message takes these values (a limit, a kind). */
	protected DomainException(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	public String messageKey() {
		return messageKey;
	}

	/** The values the message takes; none for most. */
	public Object[] arguments() {
		return arguments.clone();
	}

}
