package jp.renraku.delivery;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message already written out by {@link MessageRenderer}: the transport sends these
 * bytes as they are (the SMTP stream adds the dot-stuffing).
 */
final class RenderedMessage extends SMTPMessage {

	private final byte[] bytes;

	RenderedMessage(Session session, byte[] bytes) {
		super(session);
		this.bytes = bytes;
	}

	byte[] bytes() {
		return bytes.clone();
	}

	/** The bytes themselves, for the transport; not to be changed. */
	byte[] content() {
		return bytes;
	}

	@Override
	public void writeTo(OutputStream out) throws IOException {
		out.write(bytes);
	}

	@Override
	public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
		out.write(bytes);
	}

	@Override
	public int getSize() {
		return bytes.length;
	}

}
