package jp.renraku.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single mails to residents (issue 14) wait out a relay's temporary refusal like a
 * notice's mail, fail for good on a permanent one, and keep nothing they need not: a sent
 * mail's row goes at once, a failed one loses its text at once and its address after a
 * week.
 */
@RenrakuIntegrationTest
class ResidentMailTest {

	private static final Sender SENDER = new Sender("養父市", null, null, Contact.NONE);

	@Autowired
	DeliveryEngine engine;

	@Autowired
	ResidentMails mails;

	@Autowired
	ResidentMailRetention retention;

	@Autowired
	JdbcClient jdbc;

	String tag;

	@BeforeEach
	void nothingWaiting() {
		engine.sendDueNow();
		tag = StaffFixtures.unique("s");
	}

	private long queue(String prefix) {
		return mails.queue(new ResidentMail(1, prefix + "." + tag + "@example.jp", SENDER, "件名",
				"本文 https://renraku.example/r/x?t=secret", null), Instant.now());
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("SELECT status, attempts, body_text, last_reply FROM resident_mail WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	private boolean exists(long id) {
		return jdbc.sql("SELECT COUNT(*) FROM resident_mail WHERE id = :id")
			.param("id", id)
			.query(Long.class)
			.single() == 1;
	}

	@Test
	void aTemporaryRefusalIsRetriedAPermanentOneFailsAndForgetsTheText() throws Exception {
		AtomicBoolean firstTry = new AtomicBoolean(true);
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> {
			if (address.startsWith("perm.")) {
				return "550 5.1.1 user unknown";
			}
			if (address.startsWith("temp.") && firstTry.getAndSet(false)) {
				return "451 4.7.1 try again later";
			}
			return "250 ok";
		}); SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 100)) {
			long ok = queue("ok");
			long temp = queue("temp");
			long perm = queue("perm");
			engine.runOnce("test", connection);
			assertThat(exists(ok)).as("sent: the row goes, address and all").isFalse();
			assertThat(row(perm)).containsEntry("status", "FAILED").containsEntry("body_text", "");
			assertThat((String) row(perm).get("last_reply")).contains("550");
			assertThat(row(temp)).containsEntry("status", "RETRYING").containsEntry("attempts", 1);

			jdbc.sql("UPDATE resident_mail SET next_attempt_at = :now WHERE id = :id")
				.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
				.param("id", temp)
				.update();
			engine.runOnce("test", connection);
			assertThat(exists(temp)).isFalse();
			assertThat(relay.accepted).containsExactlyInAnyOrder("ok." + tag + "@example.jp",
					"temp." + tag + "@example.jp");
		}
	}

	@Test
	void aFailedMailIsForgottenAfterAWeek() {
		long old = queue("old");
		long recent = queue("recent");
		jdbc.sql("UPDATE resident_mail SET status = 'FAILED', body_text = '' WHERE id IN (:ids)")
			.param("ids", java.util.List.of(old, recent))
			.update();
		jdbc.sql("UPDATE resident_mail SET created_at = :then WHERE id = :id")
			.param("then", OffsetDateTime.now(ZoneOffset.UTC).minus(ResidentMailRetention.KEEP_FAILED).minusMinutes(1))
			.param("id", old)
			.update();
		retention.purge();
		assertThat(exists(old)).isFalse();
		assertThat(exists(recent)).isTrue();
		jdbc.sql("DELETE FROM resident_mail WHERE id = :id").param("id", recent).update();
	}

}
