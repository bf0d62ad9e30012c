package jp.renraku.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three callers claim small batches from one queue at once, each in its own transactions,
 * as three nodes on one database would: every recipient gets exactly one message.
 */
@RenrakuIntegrationTest
@TestPropertySource(properties = "renraku.delivery.batch-size=7")
class DeliveryRaceTest {

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	@Test
	void workersRacingOverTheSameQueueSendEachMessageOnce() throws Exception {
		Sending sending = notices.sending();
		for (int i = 0; i < 120; i++) {
			registration.registrant(sending.list(), StaffFixtures.unique("race" + i) + "@example.jp", "競争 " + i,
					"1年1組");
		}
		catcher.clear();
		long notice = notices.draft(sending).subject("競争").release();

		var pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				futures.add(pool.submit(engine::sendDueNow));
			}
			List<Integer> handled = new ArrayList<>();
			for (Future<Integer> future : futures) {
				handled.add(future.get(60, TimeUnit.SECONDS));
			}
			// other tests' retries that fall due meanwhile are sent too: count this
			// notice's
			assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(120);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("SELECT status, attempts FROM delivery WHERE notice_id = :n")
			.param("n", notice)
			.query((rs, n) -> rs.getString("status") + "/" + rs.getInt("attempts"))
			.list()).hasSize(120).containsOnly("SENT/1");
		List<String> recipients = catcher.caught()
			.stream()
			.flatMap(m -> m.to().stream())
			.filter(to -> to.startsWith("race"))
			.toList();
		assertThat(recipients).hasSize(120).doesNotHaveDuplicates();
	}

}
