package jp.renraku.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import jp.renraku.StatementRecording;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration-password limits hold for the whole city (issue 18): two nodes on one
 * database, each with its own {@link RegistrationAttempts}, allow what one node allows;
 * wrong passwords typed at the same moment on both are all counted; a guessed list is
 * reported once, by one of them. A check costs one statement, a wrong password three.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(StatementRecording.class)
class CityWideRegistrationLimitsTest {

	private final RegistrationLimits defaults = new RegistrationLimits(10, 100, 3, Duration.ofMinutes(15), 3, 10, 60);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InstallationSecret secret;

	@Autowired
	Clock clock;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	/** One moment for the whole test, so that no attempt comes back while it runs. */
	private Clock fixed;

	@BeforeEach
	void now() {
		fixed = Clock.fixed(clock.instant(), ZoneOffset.UTC);
	}

	/** A list no other test counts against (its id is only ever stored hashed). */
	private final long list = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);

	@AfterEach
	void stop() {
		threads.shutdownNow();
	}

	private RegistrationAttempts node() {
		return new RegistrationAttempts(defaults, new RateLimits(jdbc, secret, fixed));
	}

	@Test
	void wrongPasswordsSpreadOverTwoNodesAreLimitedAsByOne() {
		RegistrationAttempts a = node();
		RegistrationAttempts b = node();
		for (int i = 0; i < 10; i++) {
			RegistrationAttempts via = i % 2 == 0 ? a : b;
			assertThat(via.allowed(list, "203.0.113.9")).as("attempt " + i).isTrue();
			via.failed(list, "203.0.113.9");
		}
		assertThat(a.allowed(list, "203.0.113.9")).isFalse();
		assertThat(b.allowed(list, "203.0.113.9")).isFalse();
		assertThat(a.allowed(list, "203.0.113.10")).as("another client").isTrue();
	}

	@Test
	void concurrentWrongPasswordsOnTwoNodesCountExactly() throws Exception {
		RegistrationAttempts a = node();
		RegistrationAttempts b = node();
		// 8 clients at once, half on each node, 12 wrong passwords each: every client is
		// stopped after exactly 10, and the list has counted exactly 80
		List<Callable<Integer>> clients = IntStream.range(0, 8).<Callable<Integer>>mapToObj(c -> () -> {
			RegistrationAttempts via = c % 2 == 0 ? a : b;
			int checked = 0;
			for (int i = 0; i < 12; i++) {
				if (via.allowed(list, "client-" + c)) {
					checked++;
					via.failed(list, "client-" + c);
				}
			}
			return checked;
		}).toList();
		for (Future<Integer> checked : threads.invokeAll(clients)) {
			assertThat(checked.get()).isEqualTo(10);
		}
		for (int i = 0; i < 19; i++) {
			assertThat(a.failed(list, "late-" + i)).as("99 wrong passwords: not yet guessed").isFalse();
		}
		assertThat(b.allowed(list, "newcomer")).isTrue();
		assertThat(b.failed(list, "late-19")).as("the 100th").isTrue();
		b.failed(list, "newcomer");
		b.failed(list, "newcomer");
		b.failed(list, "newcomer");
		assertThat(a.allowed(list, "newcomer")).as("three tries while guessed").isFalse();
	}

	@Test
	void aGuessedListIsReportedOnceAcrossBothNodes() throws Exception {
		RegistrationAttempts a = node();
		RegistrationAttempts b = node();
		List<Callable<Integer>> clients = IntStream.range(0, 40).<Callable<Integer>>mapToObj(c -> () -> {
			RegistrationAttempts via = c % 2 == 0 ? a : b;
			int reports = 0;
			for (int i = 0; i < 4; i++) {
				reports += via.failed(list, "guesser-" + c) ? 1 : 0;
			}
			return reports;
		}).toList();
		int reports = 0;
		for (Future<Integer> each : threads.invokeAll(clients)) {
			reports += each.get();
		}
		assertThat(reports).as("160 wrong passwords from 40 clients on two nodes").isEqualTo(1);
		assertThat(a.failed(list, "one-more")).isFalse();
		assertThat(b.failed(list, "one-more")).isFalse();
	}

	@Test
	void aCheckCostsOneStatementAndAWrongPasswordThree() {
		RegistrationAttempts a = node();
		a.failed(list, "203.0.113.11");
		List<String> check = statements(() -> a.allowed(list, "203.0.113.11"));
		List<String> wrong = statements(() -> a.failed(list, "203.0.113.11"));
		assertThat(check).singleElement().satisfies(sql -> assertThat(sql).startsWith("SELECT"));
		assertThat(wrong).hasSize(3).allSatisfy(sql -> assertThat(sql).startsWith("UPDATE rate_limit"));
	}

	private static List<String> statements(Runnable work) {
		StatementRecording.STATEMENTS.clear();
		StatementRecording.recording = true;
		try {
			work.run();
			return List.copyOf(StatementRecording.STATEMENTS);
		}
		finally {
			StatementRecording.recording = false;
		}
	}

}
