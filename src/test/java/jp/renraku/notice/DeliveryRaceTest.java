package jp.renraku.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Three callers claim small batches from one queue at once, each in its own transactions,
 * as three nodes on one database would: every recipient gets exactly one message.
 */
@RenrakuIntegrationTest
@TestPropertySource(properties = "renraku.delivery.batch-size=7")
class DeliveryRaceTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Test
	void workersRacingOverTheSameQueueSendEachMessageOnce() throws Exception {
		engine.sendDueNow();
		TestStaff manager = staff.manager(staff.body());
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		for (int i = 0; i < 120; i++) {
			registration.registrant(list, StaffFixtures.unique("race" + i) + "@example.jp", "競争 " + i, "1年1組");
		}
		catcher.clear();
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", "競争")
			.param("text", "本文")
			.param("listIds", String.valueOf(list.id()))
			.exchange();
		String location = created.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();

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
			assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isEqualTo(120);
		}
		finally {
			pool.shutdownNow();
		}
		List<String> recipients = catcher.caught().stream().flatMap(m -> m.to().stream()).toList();
		assertThat(recipients).hasSize(120).doesNotHaveDuplicates();
	}

}
