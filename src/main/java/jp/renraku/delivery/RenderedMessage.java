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

	private final boolean dotFree;

	/** A message whose bytes may have lines of any ending, and dots that begin one. */
	RenderedMessage(Session session, byte[] bytes) {
		super(session);
		this.bytes = bytes;
		this.dotFree = false;
	}

	RenderedMessage(Session session, LetterWriter.Written written) {
		super(session);
		this.bytes = written.bytes();
		this.dotFree = written.dotFree();
	}

	/**
	 * Whether every line ends CRLF and none begins with a dot: SMTP carries the bytes as
	 * they are.
	 */
	boolean dotFree() {
		return dotFree;
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
