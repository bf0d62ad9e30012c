package jp.renraku.delivery;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fixed set of placeholders a sender may write, substituted as plain text. Nothing a
 * sender writes is evaluated; an unknown placeholder stays as written.
 */
public final class Placeholders {

	public static final String NAME = "{{氏名}}";

	public static final String MANAGE_LINK = "{{変更・停止リンク}}";

	/** The personal link to confirm receipt, when the notice asks for confirmation. */
	public static final String CONFIRM_LINK = "{{受信確認リンク}}";

	private Placeholders() {
	}

	static String fill(String template, Recipient recipient, String nameIfUnknown, String confirmUrl) {
		return replaceAll(template, Map.of(NAME, recipient.name() == null ? nameIfUnknown : recipient.name(),
				MANAGE_LINK, recipient.manageUrl(), CONFIRM_LINK, confirmUrl));
	}

	/** A test send: the sender's own name, and a note in place of the personal links. */
	public static String preview(String template, String name, String linkNote) {
		return replaceAll(template, Map.of(NAME, name, MANAGE_LINK, linkNote, CONFIRM_LINK, linkNote));
	}

	static String replaceAll(String template, Map<String, String> values) {
		String result = template;
		for (Map.Entry<String, String> value : values.entrySet()) {
			result = result.replace(value.getKey(), value.getValue());
		}
		return result;
	}

	/**
	 * Header text with every line break and control character replaced: no header can be
	 * added.
	 */
	public static String headerSafe(@Nullable String text) {
		if (text == null) {
			return "";
		}
		int i = 0;
		while (i < text.length() && !unsafe(text.charAt(i))) {
			i++;
		}
		if (i == text.length()) {
			// the usual case: nothing to replace
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints().forEach(cp -> safe.appendCodePoint(unsafe(cp) ? ' ' : cp));
		return safe.toString();
	}

	private static boolean unsafe(int cp) {
		return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
	}

}
