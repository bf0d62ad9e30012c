package jp.renraku.registration;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Options typed one per line (affiliations, choices, deletion criteria).
 */
final class Lines {

	private Lines() {
	}

	static List<String> of(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).distinct().toList();
	}

	static String join(List<String> lines) {
		return String.join("\n", lines);
	}

}
