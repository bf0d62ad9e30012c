package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.DeliveryFixtures;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Art. 6-3 through the real pages: a suspended body sends nothing (its mail is held, not
 * lost), takes no registrations, its staff read but change nothing; reinstatement sends
 * or discards the held mail as the system administrator chooses.
 */
@RenrakuIntegrationTest
class SuspensionTest {

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

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeliveryFixtures deliveries;

	@Autowired
	NoticeFixtures notices;

	TestStaff admin;

	TestStaff manager;

	TestStaff sender;

	RegistrationList list;

	long body;

	String manageLink;

	long released;

	long draft;

	@BeforeEach
	void aBodyWhoseNoticeIsWaiting() {
		engine.sendDueNow();
		admin = staff.systemAdmin();
		body = staff.body();
		manager = staff.manager(body);
		sender = staff.sender(manager);
		list = registration.list(manager);
		String tag = StaffFixtures.unique("s");
		for (String name : List.of("a", "b", "c")) {
			registration.registrant(list, name + "." + tag + "@example.jp", "登録者" + name, "1年1組");
		}
		manageLink = RegistrationFixtures.link(registration.mailTo("a." + tag + "@example.jp"), "/m/");
		catcher.clear();
		released = notices.draft(sender, list).subject("停止前のお知らせ").save();
		draft = notices.draft(sender, list).subject("停止中に送ろうとするお知らせ").save();
		notices.release(sender, released);
		// suspended mid-send: one message is out, two wait
		assertThat(deliveries.sendOneBatch(1)).isEqualTo(1);
		catcher.clear();
		suspend();
	}

	private void suspend() {
		assertThat(mvc.post()
			.uri("/admin/bodies/" + body + "/suspend")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "誤送信の調査のため")
			.exchange()).hasRedirectedUrl("/admin/bodies/" + body);
	}

	private long deliveries(String status) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = :status")
			.param("id", released)
			.param("status", status)
			.query(Long.class)
			.single();
	}

	@Test
	void aSuspendedBodySendsNothingAndItsStaffCanReadButNotAct() {
		assertThat(engine.sendDueNow()).isZero();
		assertThat(catcher.caught()).isEmpty();
		assertThat(deliveries("QUEUED")).isEqualTo(2);
		assertThat(deliveries("SENT")).isEqualTo(1);

		// staff can sign in and read, and are told why they cannot act
		assertThat(mvc.get().uri("/notices/" + released).with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("この機関は利用停止中です（理由: 誤送信の調査のため）");
		var release = mvc.post()
			.uri("/notices/" + draft + "/release")
			.with(sender.signedIn())
			.with(csrf())
			.header("Referer", "http://localhost/notices/" + draft)
			.exchange();
		assertThat(release).hasRedirectedUrl("/notices/" + draft)
			.flash()
			.containsEntry("flashError", "body.error.suspended");
		assertThat(notices.state(draft)).isEqualTo("DRAFT");
		// a Referer naming another site, or a path a browser reads as one, leads home
		for (String referer : List.of("http://evil.example/notices", "http://localhost//evil.example/x",
				"//evil.example/x", "http://localhost/\\evil.example")) {
			var refused = mvc.post()
				.uri("/notices/" + draft + "/release")
				.with(sender.signedIn())
				.with(csrf())
				.header("Referer", referer)
				.exchange();
			assertThat(refused).as(referer).hasRedirectedUrl("/");
		}
		assertThat(notices.draft(sender, list).subject("新しい下書き").post()).flash()
			.containsEntry("flashError", "body.error.suspended");
		assertThat(mvc.post().uri("/notices/" + released + "/pause").with(manager.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "body.error.suspended");
		assertThat(deliveries("QUEUED")).isEqualTo(2);

		// residents: registration is paused, but stopping still works
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).hasStatusOk()
			.bodyText()
			.contains("登録を一時停止しています");
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "on")
			.param("email", "new@example.jp")
			.exchange()).bodyText().contains("登録を一時停止しています");
		assertThat(catcher.caught()).isEmpty();
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatusOk();

		// the system administrator sees what is held
		assertThat(mvc.get().uri("/admin/bodies/" + body).with(admin.signedIn()).exchange()).bodyText()
			.contains("停止中に保留しているメール: 2通");
	}

	@Test
	void reinstatingNeedsAChoiceAndSendsTheHeldMail() {
		var noChoice = mvc.post()
			.uri("/admin/bodies/" + body + "/reactivate")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "調査完了")
			.exchange();
		assertThat(noChoice).hasStatusOk().bodyText().contains("保留しているメールを配信するか破棄するかを選んでください。");
		assertThat(engine.sendDueNow()).isZero();

		assertThat(mvc.post()
			.uri("/admin/bodies/" + body + "/reactivate")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "調査完了")
			.param("heldMail", "send")
			.exchange()).flash().containsEntry("flashMessage", "body.reactivated.heldSent");
		// the two held go out, the one sent before is not sent again
		assertThat(engine.sendDueNow()).isEqualTo(2);
		assertThat(catcher.caught()).hasSize(2);
		assertThat(deliveries("SENT")).isEqualTo(3);
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().doesNotContain("登録を一時停止しています");
	}

	@Test
	void reinstatingCanDiscardTheHeldMailWhichIsThenNeverSent() {
		assertThat(mvc.post()
			.uri("/admin/bodies/" + body + "/reactivate")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "誤送信だったため破棄")
			.param("heldMail", "discard")
			.exchange()).flash().containsEntry("flashMessage", "body.reactivated.heldDiscarded");
		assertThat(engine.sendDueNow()).isZero();
		assertThat(catcher.caught()).isEmpty();
		assertThat(deliveries("DISCARDED")).isEqualTo(2);
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE body_id = :b AND action = 'BODY_REACTIVATED'")
			.param("b", body)
			.query(String.class)
			.single()).contains("discarded 2");
		// and the body works again
		assertThat(notices.release(sender, draft)).hasRedirectedUrl("/notices/" + draft);
		assertThat(engine.sendDueNow()).isEqualTo(3);
	}

}
