package jp.renraku.notice;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released, a notice is sent once and its page follows the sending: the count before, the
 * figures while it goes (fetched without reloading, by the body only), the summary after.
 */
@RenrakuIntegrationTest
class ReleaseProgressTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		sender = sending.sender();
	}

	@Test
	void aNoticeShowsItsRecipientsThenItsDeliveryAndIsNotReleasedTwice() {
		long id = notices.draft(sending).subject("台風{{氏名}}").text("{{氏名}}さん\n明日は臨時休校です。\n{{変更・停止リンク}}").save();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("3人");
		assertThat(notices.release(sender, id)).hasRedirectedUrl("/notices/" + id);
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("配信状況");
		// released notices can no longer change, nor be released twice
		assertThat(notices.release(sender, id)).flash().containsEntry("flashError", "notice.error.notDraft");
		assertThat(engine.sendDueNow()).isZero();
	}

	@Test
	void theProgressFiguresCanBeFetchedWithoutReloadingByTheBodyOnly() {
		long id = notices.draft(sending).subject("進捗").release();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("/js/progress.js")
			.contains("data-progress-url=\"/notices/" + id + "/progress\"");
		var waiting = mvc.get().uri("/notices/" + id + "/progress").with(sender.signedIn()).exchange();
		assertThat(waiting).hasStatusOk().hasContentTypeCompatibleWith("application/json");
		assertThat(waiting).bodyJson().extractingPath("$.remaining").asNumber().isEqualTo(3);
		assertThat(waiting).bodyJson().extractingPath("$.done").isEqualTo(false);
		assertThat(waiting.getResponse().getHeader("Cache-Control")).contains("no-store");

		engine.sendDueNow();
		var done = mvc.get().uri("/notices/" + id + "/progress").with(sender.signedIn()).exchange();
		assertThat(done).bodyJson().extractingPath("$.sent").asNumber().isEqualTo(3);
		assertThat(done).bodyJson().extractingPath("$.summary").isEqualTo("配信が終わりました。送信済み 3 件、失敗 0 件。");
		// the finished page needs no script
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.doesNotContain("/js/progress.js");

		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.get().uri("/notices/" + id + "/progress").with(stranger.signedIn()).exchange()).hasStatus(404);
	}

}
