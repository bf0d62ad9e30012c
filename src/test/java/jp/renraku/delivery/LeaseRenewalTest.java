package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import jp.renraku.delivery.PipeliningSmtpServer.Script;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch that takes longer than its lease (a slow relay) stays with its worker while
 * another node keeps trying to claim: its leases are renewed, every recipient gets one
 * message. A worker whose leases are no longer renewed (its node stopped, or died) lets
 * its rows go after the lease, and what it writes afterwards does not undo the other
 * node's sending.
 */
@RenrakuIntegrationTest
class LeaseRenewalTest {

	/** Short, so that a batch of a few slow messages outlasts it several times. */
	private static final Duration LEASE = Duration.ofSeconds(1);

	/** How long the slow relay holds each end of data: 8 messages take 3.2 leases. */
	private static final long HOLD_MILLIS = 400;

	private static final Sender SENDER = new Sender("養父市", null, null, Contact.NONE);

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	DeliveryEngine engine;

	@Autowired
	ResidentMails residentMails;

	@Autowired
	JdbcClient jdbc;

	ExecutorService pool = Executors.newFixedThreadPool(2);

	@BeforeEach
	void nothingElseDue() {
		engine.sendDueNow();
	}

	@AfterEach
	void stopThePool() {
		pool.shutdownNow();
	}

	@Test
	void aBatchSlowerThanItsLeaseStaysWithItsWorkerWhileAnotherNodeTriesToClaimIt() throws Exception {
		Map<String, String> people = people("slow", 8);
		long notice = fixtures.release(false, "ゆっくり", "本文", people);
		try (PipeliningSmtpServer slow = new PipeliningSmtpServer(slowly(Script.accepting(true)));
				PipeliningSmtpServer other = new PipeliningSmtpServer(Script.accepting(true))) {
			race(slow, other, () -> sending(notice) == people.size());
			assertThat(slow.accepted.stream().filter(people::containsKey))
				.as("each recipient once, from the worker that claimed them")
				.containsExactlyInAnyOrderElementsOf(people.keySet());
			assertThat(other.accepted).as("the racing node sent nothing of the held batch")
				.noneMatch(people::containsKey);
		}
		assertThat(jdbc.sql("SELECT status, attempts, claimed_by FROM delivery WHERE notice_id = :n")
			.param("n", notice)
			.query((rs, n) -> rs.getString("status") + "/" + rs.getInt("attempts") + "/" + rs.getString("claimed_by"))
			.list()).hasSize(people.size()).containsOnly("SENT/1/node-a");
	}

	@Test
	void aRoundOfSingleMailsSlowerThanItsLeaseStaysWithItsWorker() throws Exception {
		String tag = StaffFixtures.unique("r");
		List<String> people = List.of(1, 2, 3, 4, 5, 6)
			.stream()
			.map(i -> "single" + i + "." + tag + "@example.jp")
			.toList();
		List<Long> ids = people.stream()
			.map(to -> residentMails.queue(new ResidentMail(1, to, SENDER, "件名", "本文", null), Instant.now()))
			.toList();
		try (PipeliningSmtpServer slow = new PipeliningSmtpServer(slowly(Script.accepting(true)));
				PipeliningSmtpServer other = new PipeliningSmtpServer(Script.accepting(true))) {
			race(slow, other,
					() -> jdbc.sql("SELECT COUNT(*) FROM resident_mail WHERE id IN (:ids) AND status = 'SENDING'")
						.param("ids", ids)
						.query(Long.class)
						.single() == ids.size());
			assertThat(slow.accepted.stream().filter(people::contains)).containsExactlyInAnyOrderElementsOf(people);
			assertThat(other.accepted).noneMatch(people::contains);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM resident_mail WHERE id IN (:ids)")
			.param("ids", ids)
			.query(Long.class)
			.single()).as("sent: the rows are gone").isZero();
	}

	@Test
	void aWorkerWhoseLeasesAreNoLongerRenewedLetsItsRowsGoAfterTheLease() throws Exception {
		Map<String, String> people = people("frozen", 4);
		long notice = fixtures.release(false, "止まった", "本文", people);
		CountDownLatch arrived = new CountDownLatch(1);
		CountDownLatch thaw = new CountDownLatch(1);
		// node a's relay takes the first message and then hangs until the test lets go,
		// when the connection breaks: node a is stuck in the middle of its batch
		Script hanging = Script.accepting(true).dropAfter(recipient -> {
			arrived.countDown();
			await(thaw);
			return true;
		});
		try (PipeliningSmtpServer frozen = new PipeliningSmtpServer(hanging);
				PipeliningSmtpServer other = new PipeliningSmtpServer(Script.accepting(true));
				SmtpConnection one = new SmtpConnection(DeliveryFixtures.plain(frozen.port()), 1000);
				SmtpConnection two = new SmtpConnection(DeliveryFixtures.plain(other.port()), 1000)) {
			DeliveryEngine a = fixtures.engine(50, LEASE, DeliveryFixtures.plain(frozen.port()));
			DeliveryEngine b = fixtures.engine(50, LEASE, DeliveryFixtures.plain(other.port()));
			Future<Integer> stuck = pool.submit(() -> a.runOnce("node-a", one));
			try {
				assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
				pause(LEASE.toMillis() * 3 / 2);
				b.runOnce("node-b", two);
				assertThat(other.accepted).as("alive, node a keeps its rows past the lease")
					.noneMatch(people::containsKey);

				// node a stops: its leases are given up, as when it is killed
				a.stop();
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (sent(notice) < people.size() && System.nanoTime() < deadline) {
					b.runOnce("node-b", two);
					pause(100);
				}
			}
			finally {
				thaw.countDown();
			}
			stuck.get(20, TimeUnit.SECONDS);
			assertThat(other.accepted.stream().filter(people::containsKey))
				.containsExactlyInAnyOrderElementsOf(people.keySet());
			assertThat(frozen.accepted).noneMatch(people::containsKey);
		}
		// node a's late outcomes (its relay broke: retry) are not written over node b's
		assertThat(jdbc.sql("SELECT status, attempts, claimed_by FROM delivery WHERE notice_id = :n")
			.param("n", notice)
			.query((rs, n) -> rs.getString("status") + "/" + rs.getInt("attempts") + "/" + rs.getString("claimed_by"))
			.list()).hasSize(people.size()).containsOnly("SENT/1/node-b");
	}

	/**
	 * Node a sends what is due through the slow relay; once it holds the rows (the
	 * condition), node b tries to claim every 100 ms until node a is done.
	 */
	private void race(PipeliningSmtpServer slow, PipeliningSmtpServer other, Check claimed) throws Exception {
		DeliveryEngine a = fixtures.engine(50, LEASE, DeliveryFixtures.plain(slow.port()));
		DeliveryEngine b = fixtures.engine(50, LEASE, DeliveryFixtures.plain(other.port()));
		AtomicBoolean sending = new AtomicBoolean(true);
		try (SmtpConnection one = new SmtpConnection(DeliveryFixtures.plain(slow.port()), 1000);
				SmtpConnection two = new SmtpConnection(DeliveryFixtures.plain(other.port()), 1000)) {
			Future<Integer> first = pool.submit(() -> {
				try {
					return a.runOnce("node-a", one);
				}
				finally {
					sending.set(false);
				}
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!claimed.holds() && System.nanoTime() < deadline) {
				pause(20);
			}
			Instant start = Instant.now();
			Future<?> racer = pool.submit(() -> {
				while (sending.get()) {
					b.runOnce("node-b", two);
					pause(100);
				}
				return null;
			});
			assertThat(first.get(20, TimeUnit.SECONDS)).isPositive();
			racer.get(20, TimeUnit.SECONDS);
			assertThat(Duration.between(start, Instant.now())).as("the batch outlasted its lease")
				.isGreaterThan(LEASE.multipliedBy(2));
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds();

	}

	private long sending(long notice) {
		return count(notice, "SENDING");
	}

	private long sent(long notice) {
		return count(notice, "SENT");
	}

	private long count(long notice, String status) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :n AND status = :s")
			.param("n", notice)
			.param("s", status)
			.query(Long.class)
			.single();
	}

	private static Script slowly(Script script) {
		return script.endOfData(recipient -> {
			pause(HOLD_MILLIS);
			return "250 2.0.0 queued";
		});
	}

	private static Map<String, String> people(String prefix, int count) {
		Map<String, String> people = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			people.put(StaffFixtures.unique(prefix + i) + "@example.jp", "受信者 " + i);
		}
		return people;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
