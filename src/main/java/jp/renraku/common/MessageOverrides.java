package jp.renraku.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A city's own wording, in one UTF-8 file ({@code renraku.messages.override}): each line
 * is a message key after the code of its language, e.g.
 * {@code vi.public.title=Đăng ký nhận thư} or {@code ja.public.title=メール配信の登録}. A line
 * whose language Renraku does not speak makes start-up fail, so that a typo is found at
 * once, not by a resident.
 */
final class MessageOverrides {

	private static final Logger log = LoggerFactory.getLogger(MessageOverrides.class);

	private MessageOverrides() {
	}

	static Map<Language, Map<String, String>> read(String file) {
		if (file == null || file.isBlank()) {
			return Map.of();
		}
		Properties lines = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
			lines.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("renraku.messages.override cannot be read: " + file, ex);
		}
		// the longest code first, so that "ja-easy.x" is not read as Japanese "easy.x"
		List<Language> byCode = Stream.of(Language.values())
			.sorted(Comparator.comparingInt((Language l) -> l.code().length()).reversed())
			.toList();
		Map<Language, Map<String, String>> overrides = new EnumMap<>(Language.class);
		for (String name : lines.stringPropertyNames()) {
			Language language = byCode.stream()
				.filter(l -> name.startsWith(l.code() + "."))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"renraku.messages.override: the key does not start with a language code (ja., vi., ...): "
								+ name));
			overrides.computeIfAbsent(language, l -> new HashMap<>())
				.put(name.substring(language.code().length() + 1), lines.getProperty(name));
		}
		log.info("Own wording for {} messages read from {}", lines.size(), file);
		return overrides;
	}

}
