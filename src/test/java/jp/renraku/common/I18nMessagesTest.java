package jp.renraku.common;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jp.renraku.account.AccountState;
import jp.renraku.audit.AuditAction;
import jp.renraku.delivery.DeliveryStatus;
import jp.renraku.incident.IncidentEvent;
import jp.renraku.incident.IncidentKind;
import jp.renraku.incident.IncidentState;
import jp.renraku.notice.NoticeState;
import jp.renraku.organization.BodyKind;
import jp.renraku.organization.BodyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

	/** Every Japanese message: the staff pages' and what residents read. */
	private static Properties japanese() throws IOException {
		Properties all = load("messages_ja.properties");
		all.putAll(load("resident_ja.properties"));
		return all;
	}

	@Test
	void japaneseAndEnglishHaveTheSameKeys() throws IOException {
		Set<String> ja = new TreeSet<>(load("messages_ja.properties").stringPropertyNames());
		Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
		assertThat(en).containsExactlyElementsOf(ja);
	}

	/**
	 * The pages a resident sees, and the fragments they include: every message they name
	 * is a resident one, so that it exists in every language (the frame's menu, shown
	 * only to signed-in staff, aside).
	 */
	private static final List<String> RESIDENT_TEMPLATES = List.of("registration/public-", "registration/manage",
			"registration/issuer", "registration/items", "registration/allow-list", "confirmation/", "error",
			"layout/");

	@Test
	void everyMessageOfAResidentsPageIsAResidentMessage() throws IOException {
		Properties resident = load("resident_ja.properties");
		Path root = Path.of("src/main/resources/templates");
		List<String> missing = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
				String name = root.relativize(file).toString().replace('\\', '/');
				if (RESIDENT_TEMPLATES.stream().noneMatch(name::startsWith)) {
					continue;
				}
				Matcher m = LITERAL_KEY.matcher(Files.readString(file));
				while (m.find()) {
					checked++;
					if (!resident.containsKey(m.group(1)) && !m.group(1).startsWith("nav.")) {
						missing.add(name + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(checked).as("messages on residents' pages").isGreaterThan(150);
		assertThat(missing).isEmpty();
	}

	@Test
	void aResidentMessageIsNotAlsoAStaffOne() throws IOException {
		Set<String> staff = load("messages_ja.properties").stringPropertyNames();
		assertThat(load("resident_ja.properties").stringPropertyNames()).doesNotContainAnyElementsOf(staff);
	}

	/** The placeholders of a message: {0}, {1} … */
	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

	/** The slots of a ready-made emergency message: {area}, {time} … */
	private static Set<String> slots(String message) {
		Set<String> found = new TreeSet<>();
		Matcher m = Pattern.compile("\\{([a-z]+)}").matcher(message);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	private static Set<String> arguments(String message) {
		Set<String> found = new TreeSet<>();
		Matcher m = ARGUMENT.matcher(message);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	/**
	 * What a resident reads is complete in every language: the same keys as Japanese,
	 * none empty, the same placeholders, and every date pattern one that formats.
	 */
	@ParameterizedTest
	@EnumSource(Language.class)
	void everyResidentMessageExistsInEveryLanguage(Language language) throws IOException {
		Properties ja = load("resident_ja.properties");
		String file = ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES)
			.toBundleName("resident", language.locale()) + ".properties";
		Properties own = load(file);
		assertThat(new TreeSet<>(own.stringPropertyNames())).as(file)
			.containsExactlyElementsOf(new TreeSet<>(ja.stringPropertyNames()));
		for (String key : ja.stringPropertyNames()) {
			String value = own.getProperty(key);
			assertThat(value).as(file + ": " + key).isNotBlank();
			assertThat(arguments(value)).as(file + ": the placeholders of " + key)
				.isEqualTo(arguments(ja.getProperty(key)));
			if (key.startsWith("emergency.")) {
				assertThat(slots(value)).as(file + ": the slots of " + key).isEqualTo(slots(ja.getProperty(key)));
			}
			if (key.startsWith("time.")) {
				assertThat(DateTimeFormatter.ofPattern(value, language.locale()).format(ZonedDateTime.now()))
					.as(file + ": " + key)
					.isNotBlank();
			}
			if (!arguments(value).isEmpty()) {
				// MessageFormat reads it: a lone apostrophe would swallow a placeholder
				String formatted = new MessageFormat(value, language.locale())
					.format(new Object[] { "<0>", "<1>", "<2>", "<3>", "<4>" });
				for (String n : arguments(value)) {
					assertThat(formatted).as(file + ": " + key).contains("<" + n + ">");
				}
			}
		}
	}

	@Test
	void everyKeyATemplateNamesExists() throws IOException {
		Properties ja = japanese();
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
		Properties ja = japanese();
		List<String> keys = new ArrayList<>();
		Stream.of(AuditAction.values()).forEach(v -> keys.add("audit.action." + v));
		Stream.of(BodyKind.values()).forEach(v -> keys.add("body.kind." + v));
		Stream.of(BodyState.values()).forEach(v -> keys.add("body.state." + v));
		Stream.of(AccountState.values()).forEach(v -> keys.add("account.state." + v));
		Stream.of(Role.values()).forEach(v -> keys.add("role." + v));
		Stream.of(Role.values()).forEach(v -> keys.add("staff.new." + v));
		Stream.of(DeliveryStatus.values()).forEach(v -> keys.add("delivery.status." + v));
		Stream.of(NoticeState.values()).forEach(v -> keys.add("notice.state." + v));
		Stream.of(IncidentKind.values()).forEach(v -> keys.add("incident.kind." + v));
		Stream.of(IncidentState.values()).forEach(v -> keys.add("incident.state." + v));
		Stream.of(IncidentEvent.Kind.values()).forEach(v -> keys.add("incident.event." + v));
		assertThat(keys).allSatisfy(key -> assertThat(ja).containsKey(key));
	}

	/**
	 * Every string literal in the main code that looks like a message key — it starts
	 * with one of the prefixes the messages file uses — is one. Strings that share a
	 * prefix but are something else (Jakarta Mail's {@code mail.smtp.*} properties) are
	 * named in {@link #NOT_KEYS}.
	 */
	@Test
	void messageKeysUsedInJavaExist() throws IOException {
		Properties ja = japanese();
		Set<String> prefixes = new TreeSet<>();
		ja.stringPropertyNames()
			.forEach(key -> prefixes.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'))));
		assertThat(prefixes).hasSizeGreaterThan(40);
		Pattern quoted = Pattern.compile("\"((?:" + String.join("|", prefixes) + ")\\.[a-zA-Z0-9_.]*[a-zA-Z0-9_])\"");
		List<String> missing = new ArrayList<>();
		int checked = 0;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher m = quoted.matcher(Files.readString(file));
				while (m.find()) {
					checked++;
					String key = m.group(1);
					// a key, or the stem of keys the code completes (mail.signup ->
					// .subject)
					boolean known = ja.containsKey(key)
							|| ja.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key + "."));
					if (!known && !NOT_KEYS.matcher(key).matches()) {
						missing.add(file.getFileName() + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(checked).as("message keys found in the code").isGreaterThan(250);
		assertThat(missing).isEmpty();
	}

	/** Literals with a message prefix that are not message keys. */
	private static final Pattern NOT_KEYS = Pattern.compile("mail\\.(smtp|smtps|mime|imap|imaps|pop3|pop3s)\\..*");

	/** Japanese script: kana and kanji. */
	private static final Pattern JAPANESE = Pattern.compile("[\\u3040-\\u30ff\\u3400-\\u9fff\\uff66-\\uff9f]");

	/**
	 * Text a person reads is a message key, not written into a page: Japanese text in a
	 * template may only be the prototype text of an element whose {@code th:text} (or
	 * {@code th:utext}, {@code th:replace}, {@code th:insert}) replaces it, and no
	 * attribute holds Japanese.
	 */
	@Test
	void templatesHoldNoJapaneseOfTheirOwn() throws IOException {
		Pattern element = Pattern
			.compile("<([a-zA-Z][\\w:-]*)((?:\\s+[\\w:@.-]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'))?)*)\\s*/?>([^<]*)");
		Pattern attribute = Pattern.compile("\\s([\\w:-]+)=\"([^\"]*)\"");
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
				String html = Files.readString(file).replaceAll("(?s)<!--.*?-->", "");
				Matcher m = element.matcher(html);
				while (m.find()) {
					String attributes = m.group(2);
					// replaced by a message, or a language named in itself (the switch
					// "日本語")
					boolean replaced = attributes.matches("(?s).*\\sth:(text|utext|replace|insert|errors)=.*")
							|| attributes.matches("(?s).*\\slang=\"ja\".*");
					if (!replaced && JAPANESE.matcher(m.group(3)).find()) {
						found.add(file.getFileName() + ": text " + m.group(3).strip());
					}
					Matcher a = attribute.matcher(attributes);
					while (a.find()) {
						if (!a.group(1).startsWith("th:") && JAPANESE.matcher(a.group(2)).find()
								&& !attributes.contains("th:" + a.group(1) + "=") && !attributes.contains("th:attr=")) {
							found.add(file.getFileName() + ": " + a.group(1) + "=" + a.group(2));
						}
					}
				}
			}
		}
		assertThat(found).isEmpty();
	}

	/**
	 * Nor is it written into Java. The Japanese that the code needs as data, not as text
	 * for a person, is named here with its reason; anything else fails.
	 */
	@Test
	void javaHoldsNoJapaneseOfItsOwn() throws IOException {
		Map<String, String> allowed = Map.ofEntries(Map.entry("Placeholders.java", "the placeholders a sender writes"),
				Map.entry("BounceParser.java", "the subjects of Japanese bounce mails it reads"),
				Map.entry("BounceText.java", "the markers of the returned message in Japanese bounces"),
				Map.entry("BounceWords.java", "the wording of Japanese bounce mails it reads"),
				Map.entry("NoticeReplies.java", "the words of a reply that mean stop, and quote markers it reads"),
				Map.entry("RegistrationList.java", "full-width dashes and spaces removed from a typed password"),
				Map.entry("RegistrantForm.java", "full-width dashes in typed postal codes and phone numbers"),
				Map.entry("BootstrapAdministrator.java",
						"the bilingual console lines a person and the browser test read"),
				Map.entry("ApplicationController.java", "the Japanese era date pattern of the permit"),
				Map.entry("Language.java", "each language's name in itself, as the language switch shows it"),
				Map.entry("RubyDialect.java", "the marks of a reading in the easy Japanese messages"), Map.entry(
						"PlainErrorReportValve.java", "the bilingual page the container answers with, outside Spring"));
		Pattern literal = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				if (allowed.containsKey(file.getFileName().toString())) {
					continue;
				}
				String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
				Matcher m = literal.matcher(code);
				while (m.find()) {
					if (JAPANESE.matcher(m.group()).find()) {
						found.add(file.getFileName() + ": " + m.group());
					}
				}
				// text blocks
				Matcher block = Pattern.compile("(?s)\"\"\"(.*?)\"\"\"").matcher(code);
				while (block.find()) {
					if (JAPANESE.matcher(block.group(1)).find()) {
						found.add(file.getFileName() + ": text block");
					}
				}
			}
		}
		assertThat(found).isEmpty();
	}

}
