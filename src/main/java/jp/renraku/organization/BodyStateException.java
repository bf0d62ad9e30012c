package jp.renraku.organization;

import jp.renraku.common.DomainException;

/**
 * An illegal state transition of a body, such as suspending one that is already
 * suspended.
 */
public class BodyStateException extends DomainException {

	BodyStateException(String messageKey) {
		super(messageKey);
	}

}
