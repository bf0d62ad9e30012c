package jp.renraku.delivery;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine keeps the sending rules the system administrator sets for a body on the
 * queue page: a paused body's mail waits, and no more than its hourly limit goes.
 */
@RenrakuIntegrationTest
class SendingRulesTest {

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

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
	}

	@Test
	void theSystemAdministratorPausesAndLimitsABodysSending() {
		TestStaff admin = staff.systemAdmin();
		long body = sending.sender().staff().requireBody();
		String rules = "/admin/bodies/" + body + "/sending";
		assertThat(post(mvc, sending.manager(), rules, "paused", "true")).hasStatus(403);
		assertThat(post(mvc, admin, rules, "paused", "true")).hasRedirectedUrl("/admin/queue");
		long id = notices.draft(sending).subject("停止中").release();
		assertThat(engine.sendDueNow()).as("paused body waits").isZero();
		assertThat(mvc.get().uri("/admin/queue").with(admin.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("配信の調整");

		// with a limit of 2 per hour, two of the three go and the third waits in the
		// queue
		post(mvc, admin, rules, "hourlyLimit", "2");
		engine.sendDueNow();
		assertThat(catcher.caught()).hasSize(2);
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'QUEUED' AND attempts = 0")
					.param("id", id)
					.query(Long.class)
					.single())
			.isEqualTo(1);
		// ... and the body is over its limit: the next notice waits too
		notices.draft(sending).subject("上限").release();
		engine.rulesChanged();
		assertThat(engine.sendDueNow()).as("over the hourly limit").isZero();
		post(mvc, admin, rules);
		assertThat(engine.sendDueNow()).isEqualTo(4);
		assertThat(catcher.caught()).hasSize(6);
	}

}
