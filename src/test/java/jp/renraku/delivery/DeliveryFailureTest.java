package jp.renraku.delivery;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.mail.MailSettings;
import jp.renraku.mail.SmtpTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporary and permanent refusals, and a relay that is down, against real SMTP servers.
 */
@RenrakuIntegrationTest
class DeliveryFailureTest {

	@Autowired
	DeliveryEngine engine;

	@Autowired
	DeliveryQueue queue;

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	long noticeId;

	String tag;

	@BeforeEach
	void releasedNoticeForThree() {
		engine.sendDueNow();
		tag = StaffFixtures.unique("f");
		Map<String, String> people = new LinkedHashMap<>();
		people.put("ok." + tag + "@example.jp", "成功");
		people.put("temp." + tag + "@example.jp", "一時");
		people.put("perm." + tag + "@example.jp", "恒久");
		noticeId = fixtures.release(false, "件名", "本文", people);
	}

	private Map<String, Object> row(String prefix) {
		return jdbc.sql("""
				SELECT d.status, d.attempts, d.last_reply FROM delivery d JOIN registrant r ON r.id = d.registrant_id
				WHERE d.notice_id = :n AND r.email = :e
				""").param("n", noticeId).param("e", prefix + "." + tag + "@example.jp").query().singleRow();
	}

	private SmtpTarget target(int port) {
		return DeliveryFixtures.plain(port);
	}

	@Test
	void temporaryRefusalIsRetriedAndPermanentRefusalFailsWithTheReply() throws Exception {
		AtomicBoolean firstTry = new AtomicBoolean(true);
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> {
			if (address.startsWith("perm.")) {
				return "550 5.1.1 user unknown";
			}
			if (address.startsWith("temp.") && firstTry.getAndSet(false)) {
				return "451 4.7.1 try again later";
			}
			return "250 ok";
		}); SmtpConnection connection = new SmtpConnection(target(relay.port()), 100)) {
			engine.runOnce("test", connection);
			assertThat(row("ok")).containsEntry("status", "SENT");
			assertThat(row("perm")).containsEntry("status", "FAILED");
			assertThat((String) row("perm").get("last_reply")).contains("550").contains("user unknown");
			assertThat(row("temp")).containsEntry("status", "RETRYING");
			assertThat((String) row("temp").get("last_reply")).contains("451");

			// when the retry is due, the message goes out once
			jdbc.sql("UPDATE delivery SET next_attempt_at = :now WHERE notice_id = :n AND status = 'RETRYING'")
				.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
				.param("n", noticeId)
				.update();
			engine.runOnce("test", connection);
			assertThat(row("temp")).containsEntry("status", "SENT").containsEntry("attempts", 2);
			assertThat(relay.accepted).containsExactlyInAnyOrder("ok." + tag + "@example.jp",
					"temp." + tag + "@example.jp");
		}
	}

	@Test
	void aRelayThatIsDownOnlyDelaysTheMail() throws Exception {
		int deadPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			deadPort = probe.getLocalPort();
		}
		try (SmtpConnection down = new SmtpConnection(target(deadPort), 100)) {
			engine.runOnce("test", down);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :n AND status = 'RETRYING'")
			.param("n", noticeId)
			.query(Long.class)
			.single()).isEqualTo(3);
		jdbc.sql("UPDATE delivery SET next_attempt_at = :now WHERE notice_id = :n")
			.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("n", noticeId)
			.update();
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok");
				SmtpConnection up = new SmtpConnection(target(relay.port()), 100)) {
			engine.runOnce("test", up);
			assertThat(relay.accepted).hasSize(3);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :n AND status = 'SENT'")
			.param("n", noticeId)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void emergencyRowsAreClaimedBeforeRoutineOnesAlreadyWaiting() {
		long routineBody = jdbc.sql("SELECT body_id FROM notice WHERE id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
		long author = jdbc.sql("SELECT author_id FROM notice WHERE id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
		jdbc.sql("""
				INSERT INTO notice (body_id, author_id, subject, body_text, emergency, state, created_at, updated_at)
				VALUES (:body, :author, '緊急', '本文', TRUE, 'RELEASED', :now, :now)
				""")
			.param("body", routineBody)
			.param("author", author)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		long emergency = jdbc.sql("SELECT MAX(id) FROM notice").query(Long.class).single();
		jdbc.sql(
				"""
						INSERT INTO delivery (notice_id, body_id, registrant_id, priority, status, attempts, next_attempt_at, created_at)
						SELECT :emergency, body_id, registrant_id, 0, 'QUEUED', 0, next_attempt_at, created_at FROM delivery
						WHERE notice_id = :routine
						""")
			.param("emergency", emergency)
			.param("routine", noticeId)
			.update();
		var claimed = queue.claim("test", 3, Instant.now(), Duration.ofMinutes(1));
		assertThat(claimed).extracting(DeliveryQueue.Claimed::noticeId).containsOnly(emergency).hasSize(3);
		// finish them, so that their lease does not run out in the middle of a later test
		queue.finish("test",
				claimed.stream()
					.map(c -> new DeliveryQueue.Outcome(c.id(), DeliveryStatus.SKIPPED, c.attempts(), Instant.now(),
							null, null))
					.toList());
	}

	@Test
	void theRelayGetsTheConfiguredUserAndPasswordWithAuth() throws Exception {
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok", "renraku", "s3cret!パス");
				SmtpConnection wrong = new SmtpConnection(
						new SmtpTarget("127.0.0.1", relay.port(), "renraku", "wrong", MailSettings.Tls.NONE), 100)) {
			// refused credentials: nothing is sent and the mail waits for a retry
			engine.runOnce("test", wrong);
			assertThat(relay.accepted).isEmpty();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :n AND status = 'RETRYING'")
				.param("n", noticeId)
				.query(Long.class)
				.single()).isEqualTo(3);
			jdbc.sql("UPDATE delivery SET next_attempt_at = :now WHERE notice_id = :n")
				.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
				.param("n", noticeId)
				.update();
			try (SmtpConnection right = new SmtpConnection(
					new SmtpTarget("127.0.0.1", relay.port(), "renraku", "s3cret!パス", MailSettings.Tls.NONE), 100)) {
				engine.runOnce("test", right);
			}
			assertThat(relay.logins).containsExactly("renraku");
			assertThat(relay.accepted).hasSize(3);
		}
	}

	@Test
	void anEmergencyOvertakesARoutineNoticeAlreadySending() throws Exception {
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			many.put("routine" + i + "." + tag + "@example.jp", "通常" + i);
		}
		fixtures.release(false, "通常のお知らせ", "本文", many);
		DeliveryEngine small = fixtures.engine(5, Map.of(), Clock.systemUTC());
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok");
				SmtpConnection connection = new SmtpConnection(target(relay.port()), 100)) {
			// the first notice of this test's setup and five of the routine one are out
			small.runOnce("test", connection);
			small.runOnce("test", connection);
			int before = relay.accepted.size();
			fixtures.release(true, "緊急", "避難してください",
					Map.of("e1." + tag + "@example.jp", "緊急1", "e2." + tag + "@example.jp", "緊急2"));
			small.runOnce("test", connection);
			// the next batch starts with the emergency, then the routine mail goes on
			assertThat(relay.accepted.subList(before, before + 2)).allMatch(a -> a.startsWith("e"));
			while (small.runOnce("test", connection) > 0) {
				// the rest
			}
			assertThat(relay.accepted).filteredOn(a -> a.startsWith("routine")).hasSize(12);
		}
	}

}
