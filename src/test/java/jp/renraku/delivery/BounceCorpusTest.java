package jp.renraku.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier against a corpus of bounce mails written in the real formats of the mail
 * systems residents use (src/test/resources/bounces/&lt;part&gt;/EXPECTED.csv: file, mail
 * system, expected reason, what it shows). Every sample must be read as its expected
 * reason; the report (counts per reason and per mail system, the confusion matrix) is
 * printed and written to {@code target/bounce-corpus.txt}.
 */
class BounceCorpusTest {

	private static final Path CORPUS = Path.of("src/test/resources/bounces");

	private static final String MASK = "(宛先)";

	/**
	 * One mail of the corpus; a delay notice (the server keeps trying) is no bounce yet:
	 * its reason is {@code null}, written {@value #DELAYED} in the table.
	 */
	record Sample(String file, String system, @Nullable BounceReason expected, @Nullable BounceReason actual,
			@Nullable BounceEvidence evidence) {
	}

	private static final String DELAYED = "DELAYED";

	static List<Sample> samples = new ArrayList<>();

	@BeforeAll
	static void readTheCorpus() throws Exception {
		try (Stream<Path> parts = Files.list(CORPUS)) {
			for (Path part : parts.filter(Files::isDirectory).sorted().toList()) {
				List<String> lines = Files.readAllLines(part.resolve("EXPECTED.csv"), StandardCharsets.UTF_8);
				for (String line : lines.subList(1, lines.size())) {
					if (line.isBlank()) {
						continue;
					}
					String[] cells = line.split(",", 4);
					Path file = part.resolve(cells[0].strip());
					BounceEvidence evidence = evidence(file);
					String expected = cells[2].strip();
					samples.add(new Sample(CORPUS.relativize(file).toString(), cells[1].strip(),
							expected.equals(DELAYED) ? null : BounceReason.valueOf(expected),
							evidence == null ? null : BounceClassifier.classify(evidence), evidence));
				}
			}
		}
	}

	/** What the mail says, or null when it is only a delay notice. */
	private static @Nullable BounceEvidence evidence(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			return BounceParser.parse(message, MASK).map(BounceParser.Report::evidence).orElse(null);
		}
	}

	@Test
	void theCorpusIsLargeAndCoversEveryReasonAndSystem() {
		assertThat(samples).hasSizeGreaterThanOrEqualTo(150);
		assertThat(samples.stream().map(Sample::system).distinct().count()).isGreaterThanOrEqualTo(14);
		assertThat(samples.stream().map(Sample::expected).distinct().toList()).contains(BounceReason.values());
	}

	@Test
	void everySampleIsReadAsItsReason() throws IOException {
		String report = report();
		System.out.println(report);
		Files.writeString(Path.of("target/bounce-corpus.txt"), report);
		assertThat(samples.stream().filter(s -> s.expected() != s.actual()).map(BounceCorpusTest::describe))
			.as("samples read otherwise")
			.isEmpty();
	}

	@Test
	void onlyAGoneAddressStopsMail() {
		for (Sample sample : samples) {
			if (sample.actual() != null && sample.actual().effect() == BounceReason.Effect.STOPS) {
				assertThat(sample.expected()).as(describe(sample)).isNotNull();
				assertThat(sample.expected().effect()).as(describe(sample)).isEqualTo(BounceReason.Effect.STOPS);
			}
			if (sample.expected() != null && sample.actual() != null
					&& sample.expected().effect() == BounceReason.Effect.NOTES) {
				assertThat(sample.actual().effect())
					.as("a bounce of the city's side or the resident's filter: " + describe(sample))
					.isNotEqualTo(BounceReason.Effect.STOPS);
			}
		}
	}

	private static String describe(Sample sample) {
		return sample.file() + " (" + sample.system() + "): expected " + sample.expected() + ", read " + sample.actual()
				+ " from " + sample.evidence();
	}

	/** Counts per reason and per system, and the confusion matrix (expected × read). */
	private static String report() {
		StringBuilder out = new StringBuilder("Bounce corpus: ").append(samples.size()).append(" samples\n\n");
		Map<String, Integer> systems = new TreeMap<>();
		samples.forEach(s -> systems.merge(s.system(), 1, Integer::sum));
		out.append("| mail system | samples |\n|---|---|\n");
		systems.forEach((system, count) -> out.append("| ").append(system).append(" | ").append(count).append(" |\n"));
		List<String> names = new ArrayList<>();
		for (BounceReason reason : BounceReason.values()) {
			names.add(reason.name());
		}
		names.add(DELAYED);
		Map<String, Map<String, Integer>> matrix = new TreeMap<>();
		for (Sample sample : samples) {
			matrix.computeIfAbsent(name(sample.expected()), r -> new TreeMap<>())
				.merge(name(sample.actual()), 1, Integer::sum);
		}
		out.append("\n| expected ↓ / read → | samples | as expected |");
		for (String read : names) {
			out.append(' ').append(abbreviation(read)).append(" |");
		}
		out.append("\n|---|---|---|").append("---|".repeat(names.size())).append('\n');
		for (String expected : names) {
			Map<String, Integer> row = matrix.getOrDefault(expected, Map.of());
			int total = row.values().stream().mapToInt(Integer::intValue).sum();
			String effect = expected.equals(DELAYED) ? "ignored" : BounceReason.valueOf(expected).effect().name();
			out.append("| ")
				.append(expected)
				.append(" (")
				.append(effect)
				.append(") | ")
				.append(total)
				.append(" | ")
				.append(row.getOrDefault(expected, 0))
				.append(" |");
			for (String read : names) {
				Integer n = row.get(read);
				out.append(' ').append(n == null ? "·" : n).append(" |");
			}
			out.append('\n');
		}
		long agree = samples.stream().filter(s -> s.expected() == s.actual()).count();
		out.append("\nagreement: ").append(agree).append(" / ").append(samples.size()).append('\n');
		return out.toString();
	}

	private static String name(@Nullable BounceReason reason) {
		return reason == null ? DELAYED : reason.name();
	}

	private static String abbreviation(String reason) {
		String letters = reason.replace("_", "");
		return letters.substring(0, Math.min(6, letters.length()));
	}

}
