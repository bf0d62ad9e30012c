package jp.renraku.notice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 「配信する」 and 「今すぐ締め切る」 cannot be undone, so each first opens a page of its own (no
 * script) that says what happens and to how many; only that page's POST acts. Another
 * body's staff get 404 on both and change nothing.
 */
@RenrakuIntegrationTest
class ConfirmStepTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		sender = sending.sender();
	}

	private long deliveries(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	private String page(TestStaff who, String uri) throws Exception {
		var result = mvc.get().uri(uri).with(who.signedIn()).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theSendButtonLeadsToAPageThatStatesTheCountAndSendsNothing() throws Exception {
		long id = notices.draft(sending).subject("運動会の延期").save();
		String detail = page(sender, "/notices/" + id);
		assertThat(detail).contains("href=\"/notices/" + id + "/release\"")
			.doesNotContain("action=\"/notices/" + id + "/release\"");

		String confirmation = page(sender, "/notices/" + id + "/release");
		assertThat(confirmation).contains("このお知らせを配信しますか")
			.contains("配信すると、3人に1通ずつメールを送ります。")
			.contains("運動会の延期")
			.contains(sending.list().name())
			.contains("action=\"/notices/" + id + "/release\" method=\"post\"")
			.contains("name=\"_csrf\"")
			.contains(">3人に配信する<")
			.contains("href=\"/notices/" + id + "\"");
		assertThat(notices.state(id)).isEqualTo("DRAFT");
		assertThat(deliveries(id)).isZero();

		assertThat(notices.release(sender, id)).flash().containsEntry("flashMessage", "notice.released");
		assertThat(notices.state(id)).isEqualTo("RELEASED");
		assertThat(deliveries(id)).isEqualTo(3);
		// released: nothing left to confirm, the page goes back to the notice
		assertThat(mvc.get().uri("/notices/" + id + "/release").with(sender.signedIn()).exchange())
			.hasRedirectedUrl("/notices/" + id);
	}

	@Test
	void aScheduledNoticeSentNowIsConfirmedTooAndSaysTheScheduleIsDropped() throws Exception {
		long id = notices.draft(sending).save();
		String at = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(2).withNano(0).toString();
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", at)).hasStatus3xxRedirection();
		assertThat(page(sender, "/notices/" + id)).contains("href=\"/notices/" + id + "/release\"");
		assertThat(page(sender, "/notices/" + id + "/release")).contains("予約をやめて、今すぐ配信します。");
		assertThat(notices.state(id)).isEqualTo("SCHEDULED");
	}

	@Test
	void askingForApprovalNeedsNoConfirmationPage() throws Exception {
		assertThat(notices.requireApproval(sending.manager())).hasStatus3xxRedirection();
		long id = notices.draft(sending).save();
		assertThat(page(sender, "/notices/" + id)).contains("action=\"/notices/" + id + "/release\"");
		assertThat(mvc.get().uri("/notices/" + id + "/release").with(sender.signedIn()).exchange())
			.hasRedirectedUrl("/notices/" + id);
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

	@Test
	void anotherBodyGets404OnTheSendConfirmationAndTheSendAndNothingGoes() {
		long id = notices.draft(sending).save();
		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.get().uri("/notices/" + id + "/release").with(stranger.signedIn()).exchange()).hasStatus(404);
		assertThat(notices.release(stranger, id)).hasStatus(404);
		assertThat(notices.state(id)).isEqualTo("DRAFT");
		assertThat(deliveries(id)).isZero();
	}

	@Test
	void closingAnswersNowFirstSaysWhoCanNoLongerAnswer() throws Exception {
		long id = notices.safetyDraft(sending).send();
		assertThat(confirm.answer(confirm.link(sending.addresses().get(0)), "q1", "無事")).hasStatusOk();
		String detail = page(sender, "/notices/" + id);
		assertThat(detail).contains("href=\"/notices/" + id + "/close-answers\"").doesNotContain("name=\"closeNow\"");

		String confirmation = page(sender, "/notices/" + id + "/close-answers");
		assertThat(confirmation).contains("確認と回答の受付を今すぐ締め切りますか")
			.contains("まだ確認していない2人は")
			.contains("action=\"/notices/" + id + "/deadline\" method=\"post\"")
			.contains("name=\"closeNow\" value=\"true\"")
			.contains("href=\"/notices/" + id + "\"");
		assertThat(hasDeadline(id)).isFalse();
		String stillOpen = confirm.link(sending.addresses().get(1));
		assertThat(mvc.get().uri(stillOpen).exchange()).hasStatusOk();

		assertThat(post(mvc, sender, "/notices/" + id + "/deadline", "closeNow", "true")).flash()
			.containsEntry("flashMessage", "notice.answersClosed");
		assertThat(hasDeadline(id)).isTrue();
		assertThat(mvc.get().uri(stillOpen).exchange()).hasStatus(410);
	}

	@Test
	void anotherBodyGets404OnTheCloseConfirmationAndTheCloseAndAnsweringStaysOpen() throws Exception {
		long id = notices.safetyDraft(sending).send();
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/notices/" + id + "/close-answers").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/deadline", "closeNow", "true")).hasStatus(404);
		assertThat(hasDeadline(id)).isFalse();
		assertThat(mvc.get().uri(confirm.link(sending.addresses().get(0))).exchange()).hasStatusOk();
	}

	/** Whether the notice has a deadline of its own (closing now sets one). */
	private boolean hasDeadline(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM notice WHERE id = :id AND answer_deadline IS NOT NULL")
			.param("id", noticeId)
			.query(Long.class)
			.single() > 0;
	}

}
