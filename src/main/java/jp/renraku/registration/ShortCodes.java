package jp.renraku.registration;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The short code of a list's registration URL ({@code /r/ABCD-EFGH}), for people who type
 * it from paper: 8 characters of an alphabet without look-alikes (no 0/O, 1/l/I), shown
 * in two groups of four, read without case, dashes, spaces or full width. Not a secret:
 * the registration password is.
 */
final class ShortCodes {

	/** Digits and capitals without 0, 1, I, L and O; V41 uses the same alphabet. */
	static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	static final int LENGTH = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ShortCodes() {
	}

	/** A new random code, canonical (upper case, no dash). */
	static String random() {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * The code as typed, made canonical: full width (an input method's 「ＡＢＣＤ－ＥＦＧＨ」) as
	 * half width, lower case as upper, dashes and spaces of any kind left out; empty if
	 * what remains cannot be a code.
	 */
	static Optional<String> canonical(@Nullable String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		String code = Normalizer.normalize(typed, Normalizer.Form.NFKC)
			.replaceAll("[\\s\\-\\u2010-\\u2015\\u2212\\u30fc\\uff70]", "")
			.toUpperCase(Locale.ROOT);
		if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		return Optional.of(code);
	}

	/** The code as printed and shown: {@code ABCD-EFGH}. */
	static String grouped(String code) {
		return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
	}

}
