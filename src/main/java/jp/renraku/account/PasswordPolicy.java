package jp.renraku.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.renraku.common.SingleLine;

/**
 * The password rules of Art. 11-2-3 as configured. Works on code points, so any Unicode
 * password counts its characters as a person sees them; nothing is truncated. The history
 * rule needs the stored hashes and lives in {@link AccountManagement}.
 */
final class PasswordPolicy {

	private final SignInProperties.PasswordRules rules;

	private final CommonPasswords common;

	PasswordPolicy(SignInProperties.PasswordRules rules, CommonPasswords common) {
		this.rules = rules;
		this.common = common;
	}

	SignInProperties.PasswordRules rules() {
		return rules;
	}

	/** A violation: a message key and its arguments. */
	record Violation(String key, Object... args) {
	}

	/**
	 * Every rule the password breaks, in the order the form lists them; empty when it is
	 * fine.
	 */
	List<Violation> check(String password, String loginId) {
		List<Violation> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < rules.minLength()) {
			violations.add(new Violation("password.rule.minLength", rules.minLength()));
		}
		if (length > rules.maxLength()) {
			violations.add(new Violation("password.rule.maxLength", rules.maxLength()));
		}
		if (!SingleLine.Validator.isSingleLine(password)) {
			violations.add(new Violation("password.rule.control"));
		}
		if (rules.minCharacterClasses() > 0 && characterClasses(password) < rules.minCharacterClasses()) {
			violations.add(new Violation("password.rule.classes", rules.minCharacterClasses()));
		}
		if (rules.rejectLoginId() && !loginId.isEmpty()
				&& password.toLowerCase(Locale.ROOT).contains(loginId.toLowerCase(Locale.ROOT))) {
			violations.add(new Violation("password.rule.loginId"));
		}
		if (rules.rejectCommon() && common.contains(password)) {
			violations.add(new Violation("password.rule.common"));
		}
		return violations;
	}

	/**
	 * How many of upper case, lower case, digits and symbols appear. Full-width letters
	 * and digits count as letters and digits; kana and kanji count toward length but are
	 * none of the four.
	 */
	static int characterClasses(String password) {
		boolean upper = false;
		boolean lower = false;
		boolean digit = false;
		boolean symbol = false;
		for (int i = 0; i < password.length();) {
			int cp = password.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.isUpperCase(cp)) {
				upper = true;
			}
			else if (Character.isLowerCase(cp)) {
				lower = true;
			}
			else if (Character.isDigit(cp)) {
				digit = true;
			}
			else if (!Character.isLetter(cp) && !Character.isISOControl(cp)) {
				symbol = true;
			}
		}
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
	}

}
