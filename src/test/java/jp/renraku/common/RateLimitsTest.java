package jp.renraku.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jp.renraku.RenrakuIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * City-wide rate limits (issue 18): two nodes on one database, each with its own
 * {@link RateLimits}, count as one; concurrent attempts are all counted; a report is
 * taken once; the allowance comes back gradually as Bucket4j's greedy refill did; rows
 * are purged once they hold nothing and keep no subject in clear.
 */
@RenrakuIntegrationTest
class RateLimitsTest {

	private static final RateLimit TEN_IN_15_MINUTES = new RateLimit("test-ten", 10, Duration.ofMinutes(15));

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InstallationSecret secret;

	private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stop() {
		threads.shutdownNow();
		jdbc.sql("DELETE FROM rate_limit WHERE limit_key LIKE 'test-%'").update();
	}

	private RateLimits node(Clock at) {
		return new RateLimits(jdbc, secret, at);
	}

	private static String unique() {
		return UUID.randomUUID().toString();
	}

	@Test
	void twoNodesShareOneAllowance() {
		RateLimits a = node(clock);
		RateLimits b = node(clock);
		RateLimit.Counter client = TEN_IN_15_MINUTES.of("203.0.113.7 " + unique());
		for (int i = 0; i < 10; i++) {
			assertThat((i % 2 == 0 ? a : b).take(client)).as("attempt " + i).isTrue();
		}
		assertThat(a.take(client)).isFalse();
		assertThat(b.take(client)).isFalse();
		assertThat(a.used(client)).containsExactly(10);
		assertThat(b.used(client, TEN_IN_15_MINUTES.of(unique()))).containsExactly(10, 0);
	}

	@Test
	void concurrentAttemptsOnTwoNodesAreAllCounted() throws Exception {
		RateLimits a = node(clock);
		RateLimits b = node(clock);
		RateLimit.Counter scarce = new RateLimit("test-scarce", 100, Duration.ofMinutes(15)).of(unique());
		RateLimit.Counter ample = new RateLimit("test-ample", 1000, Duration.ofMinutes(15)).of(unique());
		List<Callable<Integer>> work = IntStream.range(0, 8).<Callable<Integer>>mapToObj(t -> () -> {
			RateLimits node = t % 2 == 0 ? a : b;
			int taken = 0;
			for (int i = 0; i < 25; i++) {
				taken += node.take(scarce) ? 1 : 0;
				node.count(ample);
			}
			return taken;
		}).toList();
		int taken = 0;
		for (Future<Integer> each : threads.invokeAll(work)) {
			taken += each.get();
		}
		assertThat(taken).as("of 200 attempts on a capacity of 100").isEqualTo(100);
		assertThat(a.used(scarce, ample)).containsExactly(100, 200);
	}

	@Test
	void onlyOneNodeReportsAUsedUpCounterPerWindow() throws Exception {
		RateLimits a = node(clock);
		RateLimits b = node(clock);
		RateLimit.Counter list = TEN_IN_15_MINUTES.of(unique());
		assertThat(a.firstToReport(list, Duration.ofMinutes(15))).as("nothing used").isFalse();
		for (int i = 0; i < 9; i++) {
			a.count(list);
		}
		assertThat(b.firstToReport(list, Duration.ofMinutes(15))).as("one left").isFalse();
		b.count(list);
		List<Callable<Boolean>> report = IntStream.range(0, 8)
			.<Callable<Boolean>>mapToObj(t -> () -> (t % 2 == 0 ? a : b).firstToReport(list, Duration.ofMinutes(15)))
			.toList();
		long reports = 0;
		for (Future<Boolean> each : threads.invokeAll(report)) {
			reports += each.get() ? 1 : 0;
		}
		assertThat(reports).isEqualTo(1);

		// still used up a window later (counted again meanwhile): told again, once
		Clock later = Clock.offset(clock, Duration.ofMinutes(15));
		for (int i = 0; i < 10; i++) {
			node(later).count(list);
		}
		assertThat(node(later).firstToReport(list, Duration.ofMinutes(15))).isTrue();
		assertThat(node(later).firstToReport(list, Duration.ofMinutes(15))).isFalse();
	}

	@Test
	void theAllowanceComesBackOneAttemptAtATime() {
		RateLimit.Counter client = TEN_IN_15_MINUTES.of(unique());
		for (int i = 0; i < 10; i++) {
			node(clock).take(client);
		}
		// one attempt comes back every 90 seconds, as with Bucket4j's greedy refill
		assertThat(node(Clock.offset(clock, Duration.ofSeconds(89))).take(client)).isFalse();
		assertThat(node(Clock.offset(clock, Duration.ofSeconds(90))).used(client)).containsExactly(9);
		assertThat(node(Clock.offset(clock, Duration.ofSeconds(90))).take(client)).isTrue();
		assertThat(node(Clock.offset(clock, Duration.ofSeconds(91))).take(client)).isFalse();
		assertThat(node(Clock.offset(clock, Duration.ofMinutes(30))).used(client)).containsExactly(0);
	}

	@Test
	void purgedRowsAreThoseThatHoldNothingAndNoSubjectIsStoredInClear() {
		String address = "198.51.100." + (int) (Math.random() * 250);
		RateLimit.Counter once = TEN_IN_15_MINUTES.of(address + " " + unique());
		RateLimit.Counter often = TEN_IN_15_MINUTES.of(address + " " + unique());
		node(clock).take(once);
		for (int i = 0; i < 10; i++) {
			node(clock).take(often);
		}
		node(clock).firstToReport(often, Duration.ofHours(1));
		assertThat(jdbc.sql("SELECT limit_key FROM rate_limit WHERE limit_key LIKE 'test-ten:%'")
			.query(String.class)
			.list()).hasSize(2).allSatisfy(key -> assertThat(key).doesNotContain(address).hasSize(9 + 64));

		// one attempt is back after one step: its row goes; the other still counts, and
		// its report holds for the hour even once its attempts are back
		node(Clock.offset(clock, Duration.ofSeconds(91))).purge();
		assertThat(node(clock).used(once, often)).containsExactly(0, 10);
		node(Clock.offset(clock, Duration.ofMinutes(16))).purge();
		assertThat(node(clock).used(often)).containsExactly(10);
		node(Clock.offset(clock, Duration.ofMinutes(61))).purge();
		assertThat(node(clock).used(often)).containsExactly(0);
	}

}
