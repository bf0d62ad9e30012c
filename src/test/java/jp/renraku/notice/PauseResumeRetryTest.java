package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the page of a released notice its body pauses the mail still waiting, resumes it,
 * and sends failed messages again; no other body can.
 */
@RenrakuIntegrationTest
class PauseResumeRetryTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		sender = sending.sender();
	}

	@Test
	void pausingHoldsTheWaitingMailAndResumingSendsIt() {
		long id = notices.draft(sending).subject("一時停止").release();
		assertThat(post(mvc, sender, "/notices/" + id + "/pause")).flash()
			.containsEntry("flashMessage", "notice.paused");
		assertThat(engine.sendDueNow()).isZero();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("配信を再開する");
		post(mvc, sender, "/notices/" + id + "/resume");
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(catcher.caught()).hasSize(3);
	}

	@Test
	void failedMessagesCanBeSentAgainFromThePage() {
		long id = notices.draft(sending).subject("再送").send();
		jdbc.sql("UPDATE delivery SET status = 'FAILED', last_reply = '550 mailbox unavailable' WHERE notice_id = :id "
				+ "AND registrant_id = (SELECT MIN(registrant_id) FROM delivery WHERE notice_id = :id)")
			.param("id", id)
			.update();
		catcher.clear();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("550 mailbox unavailable");
		post(mvc, sender, "/notices/" + id + "/retry-failures");
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).hasSize(1);
	}

	@Test
	void anotherBodysStaffCannotPauseResumeOrRetry() {
		long id = notices.draft(sending).subject("他機関").release();
		TestStaff stranger = staff.manager(staff.body());
		for (String action : List.of("pause", "resume", "retry-failures")) {
			assertThat(post(mvc, stranger, "/notices/" + id + "/" + action)).as(action).hasStatus(404);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'QUEUED'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

}
