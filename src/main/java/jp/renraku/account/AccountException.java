package jp.renraku.account;

import jp.renraku.common.DomainException;

/** A refused account operation, carrying the message key shown to the person. */
public class AccountException extends DomainException {

	AccountException(String messageKey) {
		super(messageKey);
	}

}
