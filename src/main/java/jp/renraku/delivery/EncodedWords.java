package jp.renraku.delivery;

import java.nio.charset.Charset;
import java.util.Base64;

/**
 * Header text as RFC 2047 "B" encoded words, written exactly as Jakarta Mail's
 * {@code MimeUtility.encodeText(text, charset, "B")} writes it — the text left as it is
 * when it is all ASCII, else split in halves until each word is at most 75 characters,
 * never inside a surrogate pair, the words joined by a space — but without the encoder
 * stream Jakarta Mail looks up for every call: that lookup made a personal subject
 * ({@code {{氏名}}} in it) cost about 20 µs per recipient, more than the rest of the
 * message together.
 */
final class EncodedWords {

	private static final Base64.Encoder BASE64 = Base64.getEncoder();

	private EncodedWords() {
	}

	static String encode(String text, Charset charset) {
		if (allAscii(text)) {
			return text;
		}
		String name = charset.name();
		StringBuilder out = new StringBuilder(text.length() * 4 + 32);
		// 75 characters at most, less "=?", "?B?", "?=" and the charset's name
		encode(text, charset, 75 - 7 - name.length(), "=?" + name + "?B?", true, out);
		return out.toString();
	}

	private static void encode(String text, Charset charset, int room, String prefix, boolean first,
			StringBuilder out) {
		byte[] bytes = text.getBytes(charset);
		int size = text.length();
		if ((bytes.length + 2) / 3 * 4 > room && size > 1) {
			int split = size / 2;
			if (Character.isHighSurrogate(text.charAt(split - 1))) {
				split--;
			}
			if (split > 0) {
				encode(text.substring(0, split), charset, room, prefix, first, out);
			}
			encode(text.substring(split, size), charset, room, prefix, false, out);
			return;
		}
		if (!first) {
			out.append(' ');
		}
		out.append(prefix).append(BASE64.encodeToString(bytes)).append("?=");
	}

	/** As Jakarta Mail decides: no character above 0x7E nor a control but tab, CR, LF. */
	private static boolean allAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0177 || (c < 040 && c != '\r' && c != '\n' && c != '\t')) {
				return false;
			}
		}
		return true;
	}

}
