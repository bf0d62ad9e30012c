package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.common.NodeLeases;
import jp.renraku.common.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carrier limits for the whole city (issue 18): two nodes on one database share a group's
 * per-minute pace and its sessions, as one node would keep them; a node that stops holds
 * back the other for no longer than its slice or its session lease.
 */
@RenrakuIntegrationTest
class CityPaceTest {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	CarrierBudget budget;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryFixtures fixtures;

	@BeforeEach
	@AfterEach
	void noBudgetsOrSlotsLeft() {
		jdbc.sql("DELETE FROM carrier_pace").update();
		jdbc.sql("DELETE FROM node_lease WHERE name LIKE 'carrier:%'").update();
	}

	private static DeliverySettings.Destination docomo(int connections, int perMinute) {
		return new DeliverySettings.Destination(List.of("docomo.ne.jp"), connections, perMinute, 0,
				DeliverySettings.MailCharset.UTF_8);
	}

	private Destinations.Group node(DeliverySettings.Destination destination, NodeLeases leases) {
		return new Destinations(Map.of("docomo", destination), budget, leases).of("x@docomo.ne.jp");
	}

	@Test
	void twoNodesTogetherKeepTheLimitInEveryMinuteWithinOneSlice() {
		// 600 a minute: slices of a second holding 10, each node taking 3 at a time
		Destinations.Group a = node(docomo(0, 600), null);
		Destinations.Group b = node(docomo(0, 600), null);
		List<Instant> sent = new ArrayList<>();
		for (long ms = 0; ms < 150_000; ms += 5) {
			Instant now = START.plusMillis(ms);
			// both nodes have mail all the time, each as fast as its own pace lets it
			for (Destinations.Group node : List.of(a, b)) {
				if (node.pace(now).isZero()) {
					sent.add(now);
				}
			}
		}
		Map<Long, Integer> bySecond = new TreeMap<>();
		sent.forEach(t -> bySecond.merge(t.getEpochSecond(), 1, Integer::sum));
		assertThat(bySecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
		int most = 0;
		for (int first = 0, last = 0; last < sent.size(); last++) {
			while (!sent.get(first).isAfter(sent.get(last).minusSeconds(60))) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		// any minute: the limit and at most one slice more; and the city does get its
		// pace
		assertThat(most).isBetween(600, 610);
		assertThat(sent).hasSizeGreaterThanOrEqualTo(1450);
	}

	@Test
	void nodesRacingForOneSliceTakeExactlyWhatItHolds() throws Exception {
		String group = StaffFixtures.unique("race");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			for (Instant slice : List.of(START, START.plusSeconds(1))) {
				List<Callable<Integer>> nodes = new ArrayList<>();
				for (int i = 0; i < 6; i++) {
					nodes.add(() -> {
						int got = 0;
						for (int n; (n = budget.take(group, slice, 3, 100)) > 0;) {
							got += n;
						}
						return got;
					});
				}
				int total = 0;
				for (Future<Integer> node : pool.invokeAll(nodes, 20, TimeUnit.SECONDS)) {
					total += node.get();
				}
				assertThat(total).isEqualTo(100);
				assertThat(jdbc.sql("SELECT taken FROM carrier_pace WHERE group_name = :g AND slice_start = :s")
					.param("g", group)
					.param("s", Sql.utc(slice))
					.query(Integer.class)
					.single()).isEqualTo(100);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aNodeThatStopsLosesOnlyWhatItTookOfItsSlice() {
		Destinations.Group a = node(docomo(0, 600), null);
		Destinations.Group b = node(docomo(0, 600), null);
		assertThat(a.pace(START)).isZero();
		// a took 3 of the slice's 10, sent one and died
		int first = 0;
		for (int i = 0; i < 20; i++) {
			if (b.pace(START.plusMillis(100 + i)).isZero()) {
				first++;
			}
		}
		assertThat(first).isEqualTo(7);
		assertThat(b.pace(START.plusMillis(500))).isEqualTo(Duration.ofMillis(500));
		int next = 0;
		for (int i = 0; i < 20; i++) {
			if (b.pace(START.plusMillis(1000 + i)).isZero()) {
				next++;
			}
		}
		assertThat(next).isEqualTo(10);
	}

	@Test
	void sessionsAreCountedForTheWholeCityAndADeadNodesRunOutWithTheirLease() {
		MovableClock clock = new MovableClock(Instant.now());
		Destinations.Group a = node(docomo(2, 0), new NodeLeases(jdbc, clock, "node-a"));
		Destinations.Group b = node(docomo(2, 0), new NodeLeases(jdbc, clock, "node-b"));
		assertThat(a.openSession()).isTrue();
		assertThat(a.openSession()).isTrue();
		assertThat(b.openSession()).as("both of the city's sessions are a's").isFalse();
		a.closeSession();
		assertThat(b.openSession()).isTrue();
		assertThat(b.openSession()).isFalse();
		assertThat(a.openSession()).as("one is a's, one b's").isFalse();

		// a dies with its sessions open; b renews its own while it sends
		clock.now = clock.now.plus(SessionSlots.HOLD.dividedBy(2));
		b.pace(clock.now);
		clock.now = clock.now.plus(SessionSlots.HOLD.dividedBy(2)).plusSeconds(1);
		assertThat(b.openSession()).as("a's slot has run out, b's own has not").isTrue();
		assertThat(b.openSession()).isFalse();
		b.closeSession();
		b.closeSession();
		assertThat(b.openSession()).isTrue();
		assertThat(b.openSession()).isTrue();
	}

	@Test
	void twoEnginesSendOneCarriersMailAtItsPaceBetweenThem() throws Exception {
		Map<String, String> people = new LinkedHashMap<>();
		String tag = StaffFixtures.unique("c");
		for (int i = 0; i < 6; i++) {
			people.put("d" + i + "." + tag + "@docomo.ne.jp", "携帯" + i);
		}
		fixtures.release(false, "件名", "本文", people);
		MovableClock clock = new MovableClock(Instant.now().plusMillis(100));
		// one a second for the city; each engine claims three
		DeliveryEngine a = fixtures.engine(3, Map.of("docomo", docomo(0, 60)), clock);
		DeliveryEngine b = fixtures.engine(3, Map.of("docomo", docomo(0, 60)), clock);
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok");
				SmtpConnection one = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 1000);
				SmtpConnection other = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 1000)) {
			Instant start = clock.now;
			for (int second = 0; second < 6; second++) {
				clock.now = start.plusSeconds(second);
				a.runOnce("a", one);
				b.runOnce("b", other);
				assertThat(relay.accepted).as("after second %d", second).hasSize(second + 1);
			}
			assertThat(relay.accepted).containsExactlyInAnyOrderElementsOf(people.keySet());
		}
	}

}
