package jp.renraku.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One word for one thing (issue 16): the Japanese pages say ログイン, never サインイン, and a
 * free-text item or question is 自由に書く, never 自由記入 — the terms used most when they drifted
 * apart. Checked in the Japanese messages, the templates, the docs and the README; the
 * glossary (docs/glossary.md) holds the terms.
 */
class WordingTest {

	/** The word that drifted in, and the word the pages use. */
	private static final Map<String, String> DRIFTED = Map.of("サインイン", "ログイン", "自由記入", "自由に書く");

	private static List<Path> files() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Path.of("src/main/resources/messages_ja.properties"),
				Path.of("src/main/resources/resident_ja.properties"), Path.of("README.md")));
		for (String folder : List.of("src/main/resources/templates", "docs")) {
			try (Stream<Path> walk = Files.walk(Path.of(folder))) {
				// the glossary names the words not to use
				walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".md"))
					.filter(p -> !p.endsWith("glossary.md"))
					.forEach(files::add);
			}
		}
		return files;
	}

	@Test
	void theJapaneseMessagesUseOneWordForEachThing() throws IOException {
		String messages = Files.readString(Path.of("src/main/resources/messages_ja.properties"), StandardCharsets.UTF_8)
				+ Files.readString(Path.of("src/main/resources/resident_ja.properties"), StandardCharsets.UTF_8);
		DRIFTED.forEach((drifted, used) -> assertThat(messages).as("use " + used).doesNotContain(drifted));
		DRIFTED.values().forEach(used -> assertThat(messages).contains(used));
	}

	@Test
	void templatesAndDocsUseTheSameWords() throws IOException {
		for (Path file : files()) {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			DRIFTED.forEach((drifted, used) -> assertThat(text).as(file + ": use " + used + ", not " + drifted)
				.doesNotContain(drifted));
		}
	}

}
