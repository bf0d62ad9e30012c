package jp.renraku.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;

/**
 * The most common passwords of leaked password sets, shipped in
 * {@code account/common-passwords.txt}.
 */
final class CommonPasswords {

	private final Set<String> words;

	private CommonPasswords(Set<String> words) {
		this.words = words;
	}

	static CommonPasswords load() {
		Set<String> words = new HashSet<>(40_000);
		ClassPathResource resource = new ClassPathResource("account/common-passwords.txt");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					words.add(line.strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the common password list is part of the application", ex);
		}
		return new CommonPasswords(Set.copyOf(words));
	}

	/**
	 * True for a listed password, and for a listed one with digits or symbols only added
	 * before or after it ("Password123!"), compared without regard to case.
	 */
	boolean contains(String password) {
		String lower = password.toLowerCase(Locale.ROOT);
		if (words.contains(lower)) {
			return true;
		}
		String core = stripNonLetters(lower);
		return core.length() >= 4 && words.contains(core);
	}

	private static String stripNonLetters(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && !Character.isLetter(text.charAt(start))) {
			start++;
		}
		while (end > start && !Character.isLetter(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

}
