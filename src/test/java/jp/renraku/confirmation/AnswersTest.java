package jp.renraku.confirmation;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.NoticeId;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static jp.renraku.notice.NoticeFixtures.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Art. 5-2 answers as residents give them through their personal links: checked, changed,
 * tallied and broken down for the sender, with the list of those who have not answered;
 * closed after the deadline until it is moved; erased when the registrant stops.
 */
@RenrakuIntegrationTest
class AnswersTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	ConfirmationManagement confirmation;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	List<String> addresses;

	@BeforeEach
	void threeRegistrants() {
		sending = notices.sending(resident("a@example.jp", "安否 一郎", "1年1組"), resident("b@example.jp", "安否 二郎", "1年2組"),
				resident("c@docomo.ne.jp", "安否 三郎", "1年2組"));
		sender = sending.sender();
		addresses = sending.addresses();
	}

	@Test
	void residentsAnswerChangeTheirAnswersAndTheSenderSeesTheTally() throws Exception {
		long id = notices.safetyDraft(sending).save();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("あなたの状況")
			.contains("無事 / 負傷している / 支援が必要");
		notices.send(sender, id);
		String first = confirm.link(addresses.get(0));

		var page = mvc.get().uri(first).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("地震の安否確認")
			.contains("あなたの状況")
			.contains("type=\"radio\"")
			.contains("name=\"q1\"");
		assertThat(confirm.answers(id)).isEmpty();

		// a required question left out, an unknown choice, text too long: nothing
		// recorded
		assertThat(confirm.answer(first, "q2", "元気です")).hasStatus(400)
			.bodyText()
			.contains("この質問には回答が必要です")
			.contains("元気です");
		assertThat(confirm.answer(first, "q1", "元気")).hasStatus(400).bodyText().contains("選択肢の中から選んでください");
		assertThat(confirm.answer(first, "q1", "無事", "q1", "負傷している")).hasStatus(400).bodyText().contains("1つだけ選んでください");
		assertThat(confirm.answer(first, "q1", "無事", "q2", "あ".repeat(51))).hasStatus(400)
			.bodyText()
			.contains("50文字以内");
		assertThat(confirm.answers(id)).isEmpty();
		assertThat(confirmation.confirmations(NoticeId.of(id))).isZero();

		assertThat(confirm.answer(first, "q1", "負傷している", "q2", "足を痛めました")).hasStatusOk()
			.bodyText()
			.contains("回答を受け付けました")
			.contains("負傷している")
			.contains("足を痛めました");
		assertThat(confirm.answers(id)).containsExactly("1:負傷している", "2:足を痛めました");
		// the page shows the answers and lets them be changed
		assertThat(mvc.get().uri(first).exchange()).bodyText().contains("回答済みです").contains("回答を変更する");
		assertThat(confirm.answer(first, "q1", "無事")).hasStatusOk().bodyText().contains("回答を変更しました");
		assertThat(confirm.answers(id)).containsExactly("1:無事");

		assertThat(confirm.answer(confirm.link(addresses.get(1)), "q1", "支援が必要")).hasStatusOk();

		var results = confirmation.results(NoticeId.of(id), sender.staff().requireBody());
		assertThat(results.sent()).isEqualTo(3);
		assertThat(results.confirmed()).isEqualTo(2);
		assertThat(results.answered()).isEqualTo(2);
		assertThat(results.tallies().get(1)).containsEntry("無事", 1L)
			.containsEntry("支援が必要", 1L)
			.containsEntry("負傷している", 0L);
		assertThat(results.byAffiliation()).extracting(ResultGroup::label, ResultGroup::sent, ResultGroup::answered)
			.containsExactly(tuple("1年1組", 1L, 1L), tuple("1年2組", 2L, 1L));

		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("受信確認・回答の状況")
			.contains("問1 あなたの状況")
			.contains("所属別")
			.contains("<progress");
		assertThat(mvc.get().uri("/notices/" + id + "/results").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("問1 あなたの状況")
			// a page of its own (issue 16: document-title, html-has-lang), the box taken
			// out by the script
			.contains("<html lang=\"ja\"")
			.contains("<title>");

		// the one who has not answered, and only them
		assertThat(mvc.get().uri("/notices/" + id + "/recipients?show=PENDING").with(sender.signedIn()).exchange())
			.bodyText()
			.contains(addresses.get(2))
			.doesNotContain(addresses.get(0))
			.doesNotContain(addresses.get(1));
		assertThat(mvc.get().uri("/notices/" + id + "/recipients?show=RESPONDED").with(sender.signedIn()).exchange())
			.bodyText()
			.contains(addresses.get(1))
			.contains("支援が必要");
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NOTICE_RECIPIENTS_VIEWED' AND target = :t")
					.param("t", "notice:" + id)
					.query(Long.class)
					.single())
			.isEqualTo(2);
	}

	@Test
	void afterTheDeadlineTheLinkIsClosedAndRecordsNothingUntilItIsMoved() throws Exception {
		long id = notices.safetyDraft(sending).send();
		String link = confirm.link(addresses.get(0));
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk();
		// another body cannot close it
		TestStaff stranger = staff.manager(staff.body());
		assertThat(post(mvc, stranger, "/notices/" + id + "/deadline", "closeNow", "true")).hasStatus(404);
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk();
		assertThat(post(mvc, sender, "/notices/" + id + "/deadline", "closeNow", "true")).flash()
			.containsEntry("flashMessage", "notice.answersClosed");
		assertThat(mvc.get().uri(link).exchange()).hasStatus(410).bodyText().contains("受付は終了しました");
		assertThat(confirm.answer(link, "q1", "無事")).hasStatus(410);
		assertThat(confirm.answers(id)).isEmpty();
		assertThat(confirmation.confirmations(NoticeId.of(id))).isZero();
		assertThat(post(mvc, sender, "/notices/" + id + "/remind").getResponse().getRedirectedUrl())
			.isEqualTo("/notices/" + id);
		// opened again for a day
		String tomorrow = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(1).withNano(0).toString();
		assertThat(post(mvc, sender, "/notices/" + id + "/deadline", "at", tomorrow)).flash()
			.containsEntry("flashMessage", "notice.deadlineChanged");
		assertThat(confirm.answer(link, "q1", "無事")).hasStatusOk();
		assertThat(confirm.answers(id)).containsExactly("1:無事");
	}

	@Test
	void answersGoWhenTheRegistrantStops() throws Exception {
		long id = notices.safetyDraft(sending).send();
		String manage = RegistrationFixtures.link(registration.mailTo(addresses.get(0)), "/m/");
		assertThat(confirm.answer(confirm.link(addresses.get(0)), "q1", "支援が必要", "q2", "足が不自由です")).hasStatusOk();
		assertThat(confirm.answers(id)).containsExactly("1:支援が必要", "2:足が不自由です");
		assertThat(mvc.post().uri(manage + "/stop").with(csrf()).exchange()).hasStatusOk();
		assertThat(confirm.answers(id)).isEmpty();
	}

}
