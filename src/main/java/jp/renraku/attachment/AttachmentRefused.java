package jp.renraku.attachment;

import jp.renraku.common.DomainException;

/**
 * A file a notice may not carry: of another type, too large, too many, or a PDF with
 * active content. Its message takes the {@link #arguments()}.
 */
class AttachmentRefused extends DomainException {

	AttachmentRefused(String messageKey, Object... arguments) {
		super(messageKey, arguments);
	}

}
