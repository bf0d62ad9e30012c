package jp.renraku.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice's delivery time is kept by the keeper's round once its last delivery is
 * finished, not before, even if nobody opens its page; failed mail sent again opens it
 * until that is finished too.
 */
@RenrakuIntegrationTest
class DeliveryTimeKeeperTest {

	@Autowired
	DeliveryEngine engine;

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	DeliveryTimeKeeper keeper;

	@Autowired
	DeliveryManagement management;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFigureIsKeptOnceEveryDeliveryIsFinishedAndAgainAfterARetry() throws Exception {
		engine.sendDueNow();
		String tag = StaffFixtures.unique("t");
		Map<String, String> people = new LinkedHashMap<>();
		people.put("ok." + tag + "@example.jp", "成功");
		people.put("temp." + tag + "@example.jp", "一時");
		people.put("perm." + tag + "@example.jp", "恒久");
		long noticeId = fixtures.release(false, "件名", "本文", people);
		boolean[] refusePermanently = { true };
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> {
			if (address.startsWith("perm.") && refusePermanently[0]) {
				return "550 5.1.1 user unknown";
			}
			return address.startsWith("temp.") ? "451 4.7.1 try again later" : "250 ok";
		}); SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 100)) {
			engine.runOnce("test", connection);

			// one message waits for its retry: worked out, not kept
			keeper.keepFinished();
			assertThat(isKept(noticeId)).isFalse();
			DeliveryTiming going = management.timing(NoticeId.of(noticeId)).orElseThrow();
			assertThat(going.kept()).isFalse();
			assertThat(going.all().messages()).isEqualTo(1);

			// the retry fails for good: every delivery is finished
			jdbc.sql("UPDATE delivery SET next_attempt_at = :now WHERE notice_id = :n AND status = 'RETRYING'")
				.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
				.param("n", noticeId)
				.update();
			jdbc.sql("UPDATE delivery SET attempts = 99 WHERE notice_id = :n AND status = 'RETRYING'")
				.param("n", noticeId)
				.update();
			engine.runOnce("test", connection);
			keeper.keepFinished();
			assertThat(isKept(noticeId)).isTrue();
			assertThat(kept(noticeId)).isEqualTo(1);

			// the failed mail is sent again: computed until that is finished, then kept
			// anew
			refusePermanently[0] = false;
			management.retryFailed(NoticeId.of(noticeId), Instant.now());
			assertThat(isKept(noticeId)).isFalse();
			engine.runOnce("test", connection);
			keeper.keepFinished();
			assertThat(isKept(noticeId)).isTrue();
			assertThat(kept(noticeId)).isEqualTo(2);
			DeliveryTiming done = management.timing(NoticeId.of(noticeId)).orElseThrow();
			assertThat(done.kept()).isTrue();
			assertThat(done.destinations()).singleElement().satisfies(other -> {
				assertThat(other.destination()).isNull();
				assertThat(other.messages()).isEqualTo(2);
				assertThat(other.p50Millis()).isLessThanOrEqualTo(other.p95Millis());
				assertThat(other.p95Millis()).isLessThanOrEqualTo(other.lastMillis());
			});
		}
	}

	private boolean isKept(long noticeId) {
		return jdbc.sql("SELECT kept_at FROM delivery_timing WHERE notice_id = :n")
			.param("n", noticeId)
			.query((rs, n) -> rs.getObject("kept_at", OffsetDateTime.class) != null)
			.single();
	}

	private long kept(long noticeId) {
		return jdbc.sql("SELECT messages FROM delivery_timing WHERE notice_id = :n")
			.param("n", noticeId)
			.query(Long.class)
			.single();
	}

}
