package jp.renraku.cluster;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jp.renraku.RenrakuApplication;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Renraku nodes on one PostgreSQL (issue 18), each in a process of its own; the test
 * data are made by the beans of a third application context in this JVM that sends
 * nothing. The last test kills the second node. A browser that goes to either node at
 * random stays signed in; a registration-password flood spread over both nodes is limited
 * as if by one; a notice sent by both keeps a carrier's per-minute limit for the whole
 * city, counted at the relay; and when one node dies mid-send the other finishes, every
 * recipient getting the notice at least once.
 * <p>
 * PostgreSQL only (two processes cannot share the in-memory H2 database); `.ci/run` runs
 * it in its PostgreSQL pass. Takes about three minutes, most of it the carrier's pace.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

	/** The carrier group of the test, and its limit for the whole city. */
	static final String CARRIER_DOMAIN = "carrier.example.jp";

	static final int PER_MINUTE = 600;

	/** What the killed node can have had in flight: its workers times its batch. */
	static final int WORKERS = 2;

	static final int BATCH = 100;

	static final int RECIPIENTS = 20_000;

	static final int CARRIER_RECIPIENTS = 900;

	static String database;

	static CountingSink sink;

	/** The test's own application context on the same database: it makes the data. */
	static ConfigurableApplicationContext fixtures;

	static NodeProcess one;

	static NodeProcess two;

	static TestStaff manager;

	static TestStaff sender;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		String url = System.getenv("RENRAKU_TEST_POSTGRES_URL");
		assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "two nodes need PostgreSQL");
		String server = url.substring(0, url.lastIndexOf('/') + 1);
		String user = System.getenv().getOrDefault("RENRAKU_TEST_POSTGRES_USER", "postgres");
		String password = System.getenv().getOrDefault("RENRAKU_TEST_POSTGRES_PASSWORD", "");
		try (Connection admin = DriverManager.getConnection(url, user, password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS renraku_cluster");
			statement.execute("CREATE DATABASE renraku_cluster");
		}
		database = server + "renraku_cluster";
		sink = new CountingSink();
		// migrates the new database before the nodes start
		fixtures = new SpringApplicationBuilder(RenrakuApplication.class).profiles("test")
			.run("--spring.datasource.url=" + database, "--spring.datasource.username=" + user,
					"--spring.datasource.password=" + password, "--spring.datasource.hikari.maximum-pool-size=4",
					"--server.port=0", "--management.server.port=0");
		int onePort = NodeProcess.freePort();
		one = NodeProcess.start("one", onePort, settings(onePort, user, password));
		int twoPort = NodeProcess.freePort();
		two = NodeProcess.start("two", twoPort, settings(twoPort, user, password));

		StaffFixtures staff = fixtures.getBean(StaffFixtures.class);
		manager = staff.manager(staff.body());
		sender = staff.sender(manager);
	}

	/** The settings both nodes share, and the port of one. */
	static List<String> settings(int port, String user, String password) throws Exception {
		return new ArrayList<>(List.of("--spring.datasource.url=" + database, "--spring.datasource.username=" + user,
				"--spring.datasource.password=" + password, "--server.port=" + port,
				"--management.server.port=" + NodeProcess.freePort(), "--renraku.base-url=http://127.0.0.1:" + port,
				"--renraku.mail.catcher.enabled=false", "--renraku.mail.smtp.host=127.0.0.1",
				"--renraku.mail.smtp.port=" + sink.port(), "--renraku.mail.smtp.tls=NONE",
				"--renraku.mail.from=cluster@renraku.example.jp", "--renraku.scheduling.enabled=false",
				"--renraku.delivery.workers=" + WORKERS, "--renraku.delivery.batch-size=" + BATCH,
				"--renraku.delivery.lease=20s", "--renraku.delivery.poll-interval=100ms",
				"--renraku.delivery.destinations.testcarrier.domains=" + CARRIER_DOMAIN,
				"--renraku.delivery.destinations.testcarrier.max-connections=2",
				"--renraku.delivery.destinations.testcarrier.messages-per-session=100",
				"--renraku.delivery.destinations.testcarrier.messages-per-minute=" + PER_MINUTE,
				"--spring.datasource.hikari.maximum-pool-size=6", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off"));
	}

	@AfterAll
	static void stopNodes() throws Exception {
		if (two != null) {
			two.close();
		}
		if (one != null) {
			one.close();
		}
		if (fixtures != null) {
			fixtures.close();
		}
		if (sink != null) {
			sink.close();
		}
	}

	@Test
	@Order(1)
	void aStaffMemberSignedInThroughOneNodeContinuesOnTheOther() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> signedIn = browser.submit(one.port(), "/login", one.port(), "/login", "username",
				sender.loginId(), "password", sender.password());
		assertThat(signedIn.statusCode()).as("signed in").isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

		HttpResponse<String> onTwo = browser.get(two.port(), "/notices");
		assertThat(onTwo.statusCode()).as("the other node knows the session").isEqualTo(200);
		assertThat(onTwo.body()).contains(sender.loginId());

		// signed out on the second node: the first no longer knows the session either
		HttpResponse<String> out = browser.submit(two.port(), "/notices", two.port(), "/logout");
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(browser.get(one.port(), "/notices").statusCode()).as("signed out everywhere").isEqualTo(302);
	}

	@Test
	@Order(2)
	void aRegistrationPasswordFloodOverBothNodesIsLimitedAsByOne() throws Exception {
		RegistrationList list = fixtures.getBean(RegistrationFixtures.class).list(manager);
		String page = "/r/" + list.publicToken();
		int allowance = 10; // renraku.registration.limits.passwords-per-client
		Browser guesser = new Browser();
		for (int i = 0; i < allowance; i++) {
			int port = i % 2 == 0 ? one.port() : two.port();
			HttpResponse<String> wrong = guesser.submit(port, page, port, page, "password", "wrong-" + i, "agree", "on",
					"email", "guess" + i + "@example.jp");
			assertThat(wrong.body()).as("attempt %d is checked", i + 1).doesNotContain(THROTTLED);
		}
		for (int port : new int[] { one.port(), two.port() }) {
			HttpResponse<String> refused = guesser.submit(port, page, port, page, "password", "wrong-again", "agree",
					"on", "email", "guess@example.jp");
			assertThat(refused.body()).as("refused on the node at %d", port).contains(THROTTLED);
		}
	}

	/** The start of public.throttled in Japanese. */
	static final String THROTTLED = "登録パスワードの入力が多すぎます";

	@Test
	@Order(3)
	void aNoticeSentByBothNodesKeepsTheCarriersLimitForTheWholeCity() throws Exception {
		String prefix = "a" + System.nanoTime();
		Predicate<String> ours = r -> r.startsWith(prefix);
		Predicate<String> carrier = ours.and(r -> r.endsWith("@" + CARRIER_DOMAIN));
		RegistrationList list = listWith(prefix, RECIPIENTS, CARRIER_RECIPIENTS);
		long notice = release(list, "【訓練】二つのノード");

		awaitAll(ours, RECIPIENTS, Duration.ofMinutes(4));
		assertThat(sink.perRecipient(ours)).as("each recipient once")
			.hasSize(RECIPIENTS)
			.allSatisfy((r, n) -> assertThat(n).isOne());
		assertThat(nodesThatSent(notice)).as("both nodes sent part of it").isEqualTo(2);
		List<Long> minutes = sink.perMinute(carrier);
		long mostInAMinute = sink.mostWithin(Duration.ofMinutes(1), carrier);
		System.out.printf("cluster: carrier messages per minute %s, most in any 60 s %d (limit %d)%n", minutes,
				mostInAMinute, PER_MINUTE);
		// the pace lets a second's worth go at once; nothing more
		assertThat(mostInAMinute).as("carrier messages in any minute")
			.isLessThanOrEqualTo(PER_MINUTE + PER_MINUTE / 60);
	}

	@Test
	@Order(4)
	void whenOneNodeDiesMidSendTheOtherFinishes() throws Exception {
		String prefix = "b" + System.nanoTime();
		Predicate<String> ours = r -> r.startsWith(prefix);
		RegistrationList list = listWith(prefix, RECIPIENTS, 0);
		long notice = release(list, "【訓練】ノードの停止");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while ((sink.count(ours) < 1_000 || nodesThatSent(notice) < 2) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		two.kill();
		long atKill = sink.count(ours);
		assertThat(atKill).as("killed mid-send").isBetween(1L, RECIPIENTS - 1L);

		awaitAll(ours, RECIPIENTS, Duration.ofMinutes(2));
		// the killed node's batches may all have reached the relay before it died: their
		// rows
		// stay SENDING until the lease runs out (20 s) and node one takes them over
		long deadlineSent = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (unsent(notice) > 0 && System.nanoTime() < deadlineSent) {
			Thread.sleep(500);
		}
		Map<String, Long> received = sink.perRecipient(ours);
		long duplicates = received.values().stream().mapToLong(n -> n - 1).sum();
		System.out.printf("cluster: killed at %d of %d accepted; %d duplicates%n", atKill, RECIPIENTS, duplicates);
		assertThat(received).as("every recipient at least once").hasSize(RECIPIENTS);
		assertThat(duplicates).as("no more than the killed node's batches in flight")
			.isLessThanOrEqualTo(WORKERS * BATCH);
		assertThat(unsent(notice)).as("every delivery recorded as sent").isZero();
	}

	private static long unsent(long notice) {
		return fixtures.getBean(JdbcTemplate.class)
			.queryForObject("SELECT count(*) FROM delivery WHERE notice_id = ? AND status <> 'SENT'", Long.class,
					notice);
	}

	/**
	 * A list of the body's with n active registrants, the first {@code carrier} at the
	 * carrier.
	 */
	private static RegistrationList listWith(String prefix, int n, int carrier) {
		RegistrationList list = fixtures.getBean(RegistrationFixtures.class).list(manager);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String domain = i < carrier ? CARRIER_DOMAIN : "example.jp";
			rows.add(new Object[] { list.id(), list.bodyId(), prefix + "." + i + "@" + domain, prefix + i, "住民 " + i,
					"n" + i, now, now });
		}
		fixtures.getBean(JdbcTemplate.class).batchUpdate("""
				INSERT INTO registrant (list_id, body_id, state, email, email_hash, name, link_nonce, created_at,
				       updated_at)
				VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)
				""", rows);
		return list;
	}

	/** Composes the notice on one node and releases it on the other, as the sender. */
	private static long release(RegistrationList list, String subject) throws Exception {
		Browser browser = new Browser();
		assertThat(browser
			.submit(two.port(), "/login", two.port(), "/login", "username", sender.loginId(), "password",
					sender.password())
			.statusCode()).isEqualTo(302);
		HttpResponse<String> saved = browser.submit(one.port(), "/notices/new", one.port(), "/notices/new", "subject",
				subject, "text", "{{氏名}} 様\n訓練のお知らせです。", "listIds", String.valueOf(list.id()));
		assertThat(saved.statusCode()).as("saved").isEqualTo(302);
		String location = saved.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		HttpResponse<String> released = browser.submit(two.port(), "/notices/" + id, two.port(),
				"/notices/" + id + "/release");
		assertThat(released.statusCode()).as("released").isEqualTo(302);
		return id;
	}

	/**
	 * How many nodes have sent deliveries of the notice (by the node part of claimed_by).
	 */
	private static long nodesThatSent(long notice) {
		return fixtures.getBean(JdbcTemplate.class).queryForObject("""
				SELECT count(DISTINCT split_part(claimed_by, '/', 1)) FROM delivery
				WHERE notice_id = ? AND status = 'SENT'
				""", Long.class, notice);
	}

	private static void awaitAll(Predicate<String> recipients, int n, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (sink.perRecipient(recipients).size() < n && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
	}

}
