package jp.renraku.attachment;

import java.util.List;

import jp.renraku.common.DomainException;

/**
 * A file a notice may not carry: of another type, too large, too many, or a PDF with
 * active content. Its message takes {@link #arguments()}.
 */
public class AttachmentRefused extends DomainException {

	private final List<Object> arguments;

	AttachmentRefused(String messageKey, Object... arguments) {
		super(messageKey);
		this.arguments = List.of(arguments);
	}

	public Object[] arguments() {
		return arguments.toArray();
	}

}
