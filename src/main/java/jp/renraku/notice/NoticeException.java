package jp.renraku.notice;

import jp.renraku.common.DomainException;

/** A refused notice operation, with the message key shown to the person. */
public class NoticeException extends DomainException {

	NoticeException(String messageKey) {
		super(messageKey);
	}

}
