package jp.renraku.scan;

import jp.renraku.common.DomainException;

/**
 * An upload the scan refused: infected ({@code scan.error.infected}) or not checked
 * because the scanner did not answer ({@code scan.error.unavailable}).
 */
public class UploadRefused extends DomainException {

	UploadRefused(String messageKey) {
		super(messageKey);
	}

}
