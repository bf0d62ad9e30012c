package jp.renraku.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table that may scroll sideways (a {@code .table-wrap}) is a region the keyboard
 * can reach and a screen reader can name: {@code tabindex="0"}, {@code role="region"} and
 * a label (axe: scrollable-region-focusable; issue 16).
 */
class ScrollRegionsTest {

	private static final Pattern WRAP = Pattern.compile("<div\\b[^>]*class=\"table-wrap\"[^>]*>");

	private static final Pattern LABEL = Pattern.compile("\\s(th:)?aria-(labelledby|label)=\"[^\"]+\"");

	@Test
	void everyTableWrapOfEveryTemplateIsAFocusableLabelledRegion() throws IOException {
		List<String> wraps = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
				Matcher m = WRAP.matcher(Files.readString(file, StandardCharsets.UTF_8));
				while (m.find()) {
					wraps.add(file + ": " + m.group());
				}
			}
		}
		assertThat(wraps).isNotEmpty().allSatisfy(wrap -> {
			assertThat(wrap).contains(" tabindex=\"0\"").contains(" role=\"region\"");
			assertThat(LABEL.matcher(wrap).find()).as(wrap).isTrue();
		});
	}

}
