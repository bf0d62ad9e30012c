package jp.renraku.incident;

import jp.renraku.common.DomainException;

/** A refused incident operation, with the message key shown to the person. */
public class IncidentException extends DomainException {

	IncidentException(String messageKey) {
		super(messageKey);
	}

}
