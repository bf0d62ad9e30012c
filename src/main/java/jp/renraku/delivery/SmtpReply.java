package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;
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
	 * Reads the next reply.
	 * @throws IOException when the connection ends or times out first, or the server
	 * writes something that is no reply
	 */
	static SmtpReply read(InputStream in) throws IOException {
		StringBuilder text = new StringBuilder();
		for (int n = 0; n < MAX_LINES; n++) {
			String line = line(in);
			if (line.length() < 3 || !digits(line)
					|| (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
				throw new IOException("not an SMTP reply: " + Placeholders.headerSafe(shorten(line)));
			}
			int code = Integer.parseInt(line.substring(0, 3));
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(line);
			if (line.length() == 3 || line.charAt(3) == ' ') {
				return new SmtpReply(code, shorten(text.toString()));
			}
		}
		throw new IOException("SMTP reply of more than " + MAX_LINES + " lines");
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("connection closed by the server");
			}
			if (line.size() >= MAX_LINE) {
				throw new IOException("SMTP reply line too long");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static boolean digits(String line) {
		return Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
				&& Character.isDigit(line.charAt(2));
	}

	private static String shorten(String text) {
		return text.length() > 500 ? text.substring(0, 500) : text;
	}

}
