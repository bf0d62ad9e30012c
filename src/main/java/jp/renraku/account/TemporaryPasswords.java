package jp.renraku.account;

import java.security.SecureRandom;

/**
 * Random initial and reset passwords: 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), always with upper case, lower case, digits and a symbol, so that a
 * temporary password passes the policy it is used under. About 93 bits of entropy.
 */
final class TemporaryPasswords {

	private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";

	private static final String DIGITS = "23456789";

	private static final String SYMBOLS = "-_.+=!";

	private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

	private static final int LENGTH = 16;

	private final SecureRandom random = new SecureRandom();

	String next() {
		char[] chars = new char[LENGTH];
		chars[0] = pick(UPPER);
		chars[1] = pick(LOWER);
		chars[2] = pick(DIGITS);
		chars[3] = pick(SYMBOLS);
		for (int i = 4; i < LENGTH; i++) {
			chars[i] = pick(ALL);
		}
		for (int i = LENGTH - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			char swap = chars[i];
			chars[i] = chars[j];
			chars[j] = swap;
		}
		return new String(chars);
	}

	private char pick(String alphabet) {
		return alphabet.charAt(random.nextInt(alphabet.length()));
	}

}
