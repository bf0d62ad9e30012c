package jp.renraku.common;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * E-mail addresses as people in Japan really have them. Accepts standard addresses,
 * internationalised domains (例え.jp), and the legacy mobile addresses that break RFC 5322
 * but are still in use (consecutive dots, a dot right before the {@code @}:
 * {@code taro..yamada.@docomo.ne.jp}). Only the domain is lower-cased: the local part
 * belongs to the receiving server. What a Japanese input method types in full width
 * (「ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ」, an ideographic space around it) is read as its ASCII form (NFKC of
 * the full-width forms); any other character NFKC would change (「①」) is refused rather
 * than turned into an address the person never typed.
 */
public final class EmailAddresses {

	/** Characters of RFC 5322 atext, plus the dot anywhere. */
	private static final String LOCAL_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			+ "!#$%&'*+/=?^_`{|}~-.";

	private EmailAddresses() {
	}

	/** The address in its stored form, or empty when it cannot be an address. */
	public static Optional<String> normalize(String input) {
		String address = halfWidth(input).strip();
		if (address.length() > 254) {
			return Optional.empty();
		}
		int at = address.lastIndexOf('@');
		if (at <= 0 || at == address.length() - 1) {
			return Optional.empty();
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		if (!validLocal(local)) {
			return Optional.empty();
		}
		return asciiDomain(domain).map(ascii -> local + "@" + IDN.toUnicode(ascii));
	}

	/**
	 * The form to put on the wire: the domain in ASCII (punycode) for internationalised
	 * domains.
	 */
	public static String toAscii(String normalized) {
		int at = normalized.lastIndexOf('@');
		return normalized.substring(0, at + 1) + IDN.toASCII(normalized.substring(at + 1));
	}

	/** The domain of a normalised address, for per-domain limits and statistics. */
	public static String domainOf(String normalized) {
		return normalized.substring(normalized.lastIndexOf('@') + 1);
	}

	/**
	 * NFKC of the full-width forms of ASCII (U+FF01 to U+FF5E) and of the ideographic
	 * space; every other character as it is.
	 */
	private static String halfWidth(String input) {
		StringBuilder out = new StringBuilder(input.length());
		input.codePoints().forEach(c -> {
			if (c >= 0xFF01 && c <= 0xFF5E || c == 0x3000) {
				out.append(Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	private static boolean validLocal(String local) {
		if (local.length() > 64) {
			return false;
		}
		boolean hasNonDot = false;
		for (int i = 0; i < local.length(); i++) {
			char c = local.charAt(i);
			if (LOCAL_CHARACTERS.indexOf(c) < 0) {
				return false;
			}
			hasNonDot |= c != '.';
		}
		return hasNonDot;
	}

	private static Optional<String> asciiDomain(String domain) {
		String ascii;
		try {
			ascii = IDN.toASCII(domain.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (ascii.length() > 253 || ascii.endsWith(".")) {
			return Optional.empty();
		}
		String[] labels = ascii.split("\\.", -1);
		if (labels.length < 2) {
			return Optional.empty();
		}
		for (String label : labels) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
					|| !label.matches("[a-z0-9-]+")) {
				return Optional.empty();
			}
		}
		if (labels[labels.length - 1].matches("[0-9]+")) {
			return Optional.empty();
		}
		return Optional.of(ascii);
	}

}
