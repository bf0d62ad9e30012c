package jp.renraku.delivery;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;
import java.util.Optional;

/**
 * Text for ISO-2022-JP (RFC 1468), which older carrier phones read: JIS X 0208 and ASCII
 * only. Characters that Windows and phones type but JIS X 0208 lacks are written the way
 * a person would: 「①」 as 「(1)」, 「㈱」 as 「(株)」, half-width katakana as full-width, the
 * Windows forms of 「～」 and 「－」 as their JIS forms. Text that still holds a character
 * ISO-2022-JP cannot carry (「髙」, emoji, accented letters) is refused, so that the caller
 * sends it as UTF-8 instead of dropping the character.
 */
final class Iso2022Jp {

	static final Charset CHARSET = Charset.forName("ISO-2022-JP");

	/** Windows-31J code points that JIS X 0208 has under another code point. */
	private static final Map<Integer, String> WINDOWS_FORMS = Map.of(0xFF5E, "\u301C", 0x2225, "\u2016", 0xFF0D,
			"\u2212", 0xFFE0, "\u00A2", 0xFFE1, "\u00A3", 0xFFE2, "\u00AC", 0x2015, "\u2014", 0x2022, "\u30FB");

	private Iso2022Jp() {
	}

	/**
	 * The text in ISO-2022-JP's repertoire, or empty if some character has no form in it.
	 */
	static Optional<String> normalise(String text) {
		CharsetEncoder encoder = CHARSET.newEncoder();
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			if (isHalfWidthKana(cp)) {
				// a run, so that a voiced mark joins the kana before it: ｶﾞ → ガ
				int end = i;
				while (end < text.length() && isHalfWidthKana(text.codePointAt(end))) {
					end += Character.charCount(text.codePointAt(end));
				}
				// a mark with nothing to join (ｵﾞ) stays a mark of its own: ゛ ゜
				out.append(Normalizer.normalize(text.substring(i, end), Normalizer.Form.NFKC)
					.replace('\u3099', '\u309B')
					.replace('\u309A', '\u309C'));
				i = end;
				continue;
			}
			String c = Character.toString(cp);
			if (!encoder.canEncode(c)) {
				c = substitute(cp);
				if (!encoder.canEncode(c)) {
					return Optional.empty();
				}
			}
			out.append(c);
			i += Character.charCount(cp);
		}
		return Optional.of(out.toString());
	}

	private static String substitute(int cp) {
		String windows = WINDOWS_FORMS.get(cp);
		if (windows != null) {
			return windows;
		}
		if (cp >= 0x2460 && cp <= 0x2473) {
			// ① … ⑳
			return "(" + (cp - 0x2460 + 1) + ")";
		}
		return Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
	}

	/**
	 * Half-width katakana and marks (U+FF61–FF9F): Java's encoder would write them with
	 * the JIS X 0201 escape, which RFC 1468 does not allow and phones garble.
	 */
	private static boolean isHalfWidthKana(int cp) {
		return cp >= 0xFF61 && cp <= 0xFF9F;
	}

}
