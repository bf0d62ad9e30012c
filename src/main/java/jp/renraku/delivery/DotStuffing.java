package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;

/**
 * A message's content as SMTP's DATA carries it (RFC 5321 4.5.2), the way Jakarta Mail's
 * {@code SMTPOutputStream} writes it: every line ending CRLF (a lone CR or LF becomes
 * one), a dot that begins a line doubled, and a line break at the end, so that the end of
 * data can follow.
 */
final class DotStuffing {

	private DotStuffing() {
	}

	static void write(byte[] message, ByteArrayOutputStream out) {
		boolean lineStart = true;
		int start = 0;
		for (int i = 0; i < message.length; i++) {
			byte b = message[i];
			if (b == '.' && lineStart) {
				out.write(message, start, i - start);
				out.write('.');
				start = i;
				lineStart = false;
			}
			else if (b == '\r' || b == '\n') {
				out.write(message, start, i - start);
				out.write('\r');
				out.write('\n');
				if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
					i++;
				}
				start = i + 1;
				lineStart = true;
			}
			else {
				lineStart = false;
			}
		}
		out.write(message, start, message.length - start);
		if (!lineStart) {
			out.write('\r');
			out.write('\n');
		}
	}

}
