package jp.renraku.registration;

import jp.renraku.common.DomainException;

/** A refused registration operation, with the message key shown to the person. */
public class RegistrationException extends DomainException {

	RegistrationException(String messageKey) {
		super(messageKey);
	}

}
