package jp.renraku.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One SMTP reply (RFC 5321 4.2): a code and its lines, the last one with a space after
 * the code. The text keeps the lines as the server wrote them, joined by line breaks, as
 * Jakarta Mail reports them, at most 500 characters.
 */
record SmtpReply(int code, String text) {

	/** Longest line taken; RFC 5321 allows 512 octets. */
	private static final int MAX_LINE = 2048;

	private static final int MAX_LINES = 100;

	/** 2xx. */
	boolean positive() {
		return code >= 200 && code < 300;
	}

	/** 421: the server is closing the session. */
	boolean closing() {
		return code == 421;
	}

	/**
	 * Reads the next reply, taking no byte past it off the stream.
	 * @throws IOException when the connection ends or times out first, or the server
	 * writes something that is no reply
	 */
	static SmtpReply read(InputStream in) throws IOException {
		return new Reader(in, 1).next();
	}

	/**
	 * Reads the replies of one connection through a buffer of its own: a lock-free byte
	 * at a time, where a {@code BufferedInputStream} takes its lock for every byte.
	 */
	static final class Reader {

		private final InputStream in;

		private final byte[] buffer;

		private final byte[] line = new byte[MAX_LINE];

		private int position;

		private int limit;

		Reader(InputStream in, int bufferSize) {
			this.in = in;
			this.buffer = new byte[bufferSize];
		}

		/**
		 * The next reply.
		 * @throws IOException when the connection ends or times out first, or the server
		 * writes something that is no reply
		 */
		SmtpReply next() throws IOException {
			StringBuilder text = null;
			for (int n = 0; n < MAX_LINES; n++) {
				String line = line();
				if (line.length() < 3 || !digits(line)
						|| (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
					throw new IOException("not an SMTP reply: " + Placeholders.headerSafe(shorten(line)));
				}
				boolean last = line.length() == 3 || line.charAt(3) == ' ';
				if (last && text == null) {
					return new SmtpReply(Integer.parseInt(line, 0, 3, 10), shorten(line));
				}
				text = text == null ? new StringBuilder(line) : text.append('\n').append(line);
				if (last) {
					return new SmtpReply(Integer.parseInt(line, 0, 3, 10), shorten(text.toString()));
				}
			}
			throw new IOException("SMTP reply of more than " + MAX_LINES + " lines");
		}

		private String line() throws IOException {
			int length = 0;
			while (true) {
				if (position == limit) {
					fill();
				}
				byte b = buffer[position++];
				if (b == '\n') {
					break;
				}
				if (length >= MAX_LINE) {
					throw new IOException("SMTP reply line too long");
				}
				line[length++] = b;
			}
			if (length > 0 && line[length - 1] == '\r') {
				length--;
			}
			return new String(line, 0, length, StandardCharsets.UTF_8);
		}

		private void fill() throws IOException {
			int read = in.read(buffer, 0, buffer.length);
			if (read < 0) {
				throw new IOException("connection closed by the server");
			}
			position = 0;
			limit = read;
		}

	}

	private static boolean digits(String line) {
		return Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
				&& Character.isDigit(line.charAt(2));
	}

	private static String shorten(String text) {
		return text.length() > 500 ? text.substring(0, 500) : text;
	}

}
