package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
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
 * A sender writes a notice: from one of their body's templates, tried with a test send to
 * their own address only; staff of another body neither see nor touch the draft.
 */
@RenrakuIntegrationTest
class NoticeDraftingTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff manager;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		manager = sending.manager();
		sender = sending.sender();
	}

	@Test
	void aTestSendGoesOnlyToTheWritersOwnAddress() {
		long id = notices.draft(sending).subject("テスト {{氏名}}").text("{{氏名}}さん {{変更・停止リンク}}").save();
		assertThat(post(mvc, sender, "/notices/" + id + "/test")).flash()
			.containsEntry("flashError", "notice.error.noEmail");
		jdbc.sql("UPDATE staff_account SET email = 'sender@city.example.jp' WHERE id = :id")
			.param("id", sender.id())
			.update();
		post(mvc, sender, "/notices/" + id + "/test");
		assertThat(catcher.caught()).singleElement().satisfies(mail -> {
			assertThat(mail.to()).containsExactly("sender@city.example.jp");
			// exactly what a registrant gets, the writer's name for theirs
			assertThat(mail.subject()).isEqualTo("テスト " + sender.staff().displayName());
			assertThat(mail.body()).startsWith(sender.staff().displayName() + "さん （テスト送信のため");
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherBodysStaffCannotSeeOrSendTheNotice() {
		long id = notices.draft(sending).subject("機密").save();
		TestStaff stranger = staff.manager(staff.body());
		for (String uri : List.of("/notices/" + id, "/notices/" + id + "/edit", "/notices/" + id + "/release")) {
			assertThat(mvc.get().uri(uri).with(stranger.signedIn()).exchange()).as(uri).hasStatus(404);
		}
		for (String uri : List.of("/notices/" + id + "/edit", "/notices/" + id + "/test",
				"/notices/" + id + "/release")) {
			assertThat(post(mvc, stranger, uri, "subject", "x", "text", "y", "listIds",
					String.valueOf(sending.list().id())))
				.as(uri)
				.hasStatus(404);
		}
		assertThat(mvc.get().uri("/notices").with(stranger.signedIn()).exchange()).bodyText().doesNotContain("機密");
		assertThat(mvc.get().uri("/notices").with(staff.systemAdmin().signedIn()).exchange()).hasStatus(403);
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

	@Test
	void aNoticeStartsFromOneOfTheBodysTemplatesAndNoOtherBodys() {
		assertThat(post(mvc, manager, "/notices/templates", "name", "休校", "subject", "【休校】{{氏名}}様", "text", "明日は休校です。"))
			.hasRedirectedUrl("/notices/templates");
		assertThat(post(mvc, manager, "/notices/templates", "name", "休校", "subject", "x", "text", "y")).bodyText()
			.contains("この名前の定型文はすでにあります")
			.contains("field__error");
		assertThat(post(mvc, manager, "/notices/templates", "name", "空", "subject", "", "text", "本文")).bodyText()
			.contains("id=\"subject-error\"")
			.contains("入力してください。");
		long template = jdbc.sql("SELECT id FROM notice_template WHERE body_id = :b AND name = '休校'")
			.param("b", manager.staff().requireBody())
			.query(Long.class)
			.single();
		assertThat(mvc.get().uri("/notices/new?template=" + template).with(sender.signedIn()).exchange()).bodyText()
			.contains("【休校】{{氏名}}様")
			.contains("明日は休校です。");

		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/notices/new?template=" + template).with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/templates/" + template + "/delete")).hasStatus(404);
		assertThat(mvc.get().uri("/notices/templates").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain("休校");
		assertThat(post(mvc, sender, "/notices/templates/" + template + "/delete"))
			.hasRedirectedUrl("/notices/templates");
	}

}
