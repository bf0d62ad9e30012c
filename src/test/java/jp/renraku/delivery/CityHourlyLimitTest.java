package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body's hourly limit (Art. 3-2-3) for the whole city (issue 18): two nodes on one
 * database together send no more than the limit allows in the sliding hour, counting what
 * was sent and what the other node holds; what a node does not spend goes back, and what
 * a dead node held stops counting once its hold has run out.
 */
@RenrakuIntegrationTest
class CityHourlyLimitTest {

	/** Bodies of these tests only: no other test's mail or rules. */
	private static final AtomicLong BODIES = new AtomicLong(System.nanoTime() % 1_000_000 + 900_000_000L);

	@Autowired
	DeliveryReports reports;

	@Autowired
	HourlyAllowances city;

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private static ObjectProvider<SendingRules> rules(long body, int hourlyLimit) {
		SendingRules rules = () -> Map.of(body, new SendingRules.Rule(true, hourlyLimit));
		return new StaticListableBeanFactory(Map.of("rules", rules)).getBeanProvider(SendingRules.class);
	}

	private SendingAllowance node(String name, long body, int limit, Clock clock) {
		SendingAllowance node = new SendingAllowance(rules(body, limit), reports, city, name, clock,
				Duration.ofMinutes(2));
		node.heldBodies(clock.instant());
		return node;
	}

	/** Takes from the allowance until it says no; returns how many it allowed. */
	private static int spendAll(SendingAllowance node, long body) {
		SendingAllowance.Spending spending = node.spending();
		int allowed = 0;
		while (spending.withinLimit(body)) {
			allowed++;
		}
		return allowed;
	}

	@Test
	void twoNodesWithTwoWorkersEachSendNoMoreThanTheLimitBetweenThem() throws Exception {
		long body = BODIES.incrementAndGet();
		Clock clock = Clock.systemUTC();
		SendingAllowance a = node("node-a", body, 500, clock);
		SendingAllowance b = node("node-b", body, 500, clock);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> workers = new ArrayList<>();
			for (SendingAllowance node : List.of(a, b, a, b)) {
				workers.add(() -> spendAll(node, body));
			}
			int total = 0;
			for (Future<Integer> worker : pool.invokeAll(workers, 20, TimeUnit.SECONDS)) {
				total += worker.get();
			}
			assertThat(total).isEqualTo(500);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(a.heldBodies(clock.instant().plusSeconds(6))).contains(body);
	}

	@Test
	void messagesSentInTheLastHourAndWhatTheOtherNodeHoldsCount() {
		Map<String, String> people = new LinkedHashMap<>();
		String tag = StaffFixtures.unique("h");
		for (int i = 0; i < 4; i++) {
			people.put("h" + i + "." + tag + "@example.jp", "住民" + i);
		}
		long notice = fixtures.release(false, "件名", "本文", people);
		long body = jdbc.sql("SELECT body_id FROM notice WHERE id = :id")
			.param("id", notice)
			.query(Long.class)
			.single();
		// three sent within the hour, one before it
		jdbc.sql("""
				UPDATE delivery SET status = 'SENT', sent_at = :at WHERE notice_id = :n
				AND id IN (SELECT id FROM delivery WHERE notice_id = :n ORDER BY id LIMIT 3)
				""").param("at", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30)).param("n", notice).update();
		jdbc.sql("UPDATE delivery SET status = 'SENT', sent_at = :at WHERE notice_id = :n AND sent_at IS NULL")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(61))
			.param("n", notice)
			.update();
		Clock clock = Clock.systemUTC();
		SendingAllowance a = node("node-a", body, 30, clock);
		SendingAllowance b = node("node-b", body, 30, clock);
		SendingAllowance.Spending fromA = a.spending();
		assertThat(fromA.withinLimit(body)).isTrue();
		// a holds 3 (a tenth of the limit): one in flight, two not spent yet
		assertThat(spendAll(b, body)).isEqualTo(30 - 3 - 3);
		// a's next look gives back what it did not spend; its batch is still in flight
		a.rulesChanged();
		a.heldBodies(clock.instant());
		b.rulesChanged();
		b.heldBodies(clock.instant());
		assertThat(spendAll(b, body)).isEqualTo(2);
		// a's batch is recorded (the test marks nothing sent): its message no longer
		// counts
		fromA.recorded();
		a.rulesChanged();
		a.heldBodies(clock.instant());
		assertThat(spendAll(a, body)).isEqualTo(1);
	}

	@Test
	void whatADeadNodeHeldStopsCountingWhenItsHoldRunsOut() {
		long body = BODIES.incrementAndGet();
		MovableClock clock = new MovableClock(Instant.now());
		SendingAllowance dying = node("node-dying", body, 40, clock);
		assertThat(dying.spending().withinLimit(body)).isTrue();
		SendingAllowance other = node("node-other", body, 40, clock);
		assertThat(spendAll(other, body)).as("the dying node holds 4 of 40").isEqualTo(36);

		// the other node lives on (its 36 still in flight) and looks again after the
		// lease
		clock.now = clock.now.plus(Duration.ofMinutes(2)).plusSeconds(1);
		other.rulesChanged();
		assertThat(other.heldBodies(clock.now)).doesNotContain(body);
		assertThat(spendAll(other, body)).isEqualTo(4);
	}

}
