package jp.renraku.incident;

/** A refused incident operation, with the message key shown to the person. */
public class IncidentException extends RuntimeException {

	private final String messageKey;

	IncidentException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
