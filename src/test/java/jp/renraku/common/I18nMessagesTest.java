package jp.renraku.common;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jp.renraku.account.AccountState;
import jp.renraku.audit.AuditAction;
import jp.renraku.organization.BodyKind;
import jp.renraku.organization.BodyState;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Japanese and English stay in step, and every message a page or an enum needs exists.
 */
class I18nMessagesTest {

	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	@Test
	void japaneseAndEnglishHaveTheSameKeys() throws IOException {
		Set<String> ja = new TreeSet<>(load("messages_ja.properties").stringPropertyNames());
		Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
		assertThat(en).containsExactlyElementsOf(ja);
	}

	@Test
	void everyKeyATemplateNamesExists() throws IOException {
		Properties ja = load("messages_ja.properties");
		List<String> missing = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
				Matcher m = LITERAL_KEY.matcher(Files.readString(file));
				while (m.find()) {
					if (!ja.containsKey(m.group(1))) {
						missing.add(file.getFileName() + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void everyEnumValueShownOnAPageHasAMessage() throws IOException {
		Properties ja = load("messages_ja.properties");
		List<String> keys = new ArrayList<>();
		Stream.of(AuditAction.values()).forEach(v -> keys.add("audit.action." + v));
		Stream.of(BodyKind.values()).forEach(v -> keys.add("body.kind." + v));
		Stream.of(BodyState.values()).forEach(v -> keys.add("body.state." + v));
		Stream.of(AccountState.values()).forEach(v -> keys.add("account.state." + v));
		Stream.of(Role.values()).forEach(v -> keys.add("role." + v));
		Stream.of(Role.values()).forEach(v -> keys.add("staff.new." + v));
		assertThat(keys).allSatisfy(key -> assertThat(ja).containsKey(key));
	}

	@Test
	void messageKeysUsedInJavaExist() throws IOException {
		Properties ja = load("messages_ja.properties");
		Pattern quoted = Pattern.compile("\"((?:account|body|password|totp|outbox|settings)\\.[a-zA-Z.]+)\"");
		List<String> missing = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher m = quoted.matcher(Files.readString(file));
				while (m.find()) {
					if (!ja.containsKey(m.group(1))) {
						missing.add(file.getFileName() + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

}
