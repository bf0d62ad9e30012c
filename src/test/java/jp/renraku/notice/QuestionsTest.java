package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.delivery.NoticeId;
import jp.renraku.confirmation.ResultGroup;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Art. 5-2 questions as the sender and residents meet them: a safety notice from the
 * ready-made set, answered through the personal links, changed, tallied and broken down
 * on the notice page; the list of those who have not answered; a reminder to them whose
 * link answers the original notice; the page closed after the deadline.
 */
@RenrakuIntegrationTest
class QuestionsTest {

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
	NoticeManagement notices;

	@Autowired
	ConfirmationManagement confirmation;

	@Autowired
	NoticeReminders reminders;

	@Autowired
	NoticeReleases releases;

	TestStaff manager;

	TestStaff sender;

	RegistrationList list;

	List<String> addresses;

	@BeforeEach
	void threeRegistrants() {
		engine.sendDueNow();
		manager = staff.manager(staff.body());
		sender = staff.sender(manager);
		list = registration.list(manager);
		String tag = StaffFixtures.unique("q");
		addresses = List.of(tag + ".a@example.jp", tag + ".b@example.jp", tag + ".c@docomo.ne.jp");
		registration.registrant(list, addresses.get(0), "安否 一郎", "1年1組");
		registration.registrant(list, addresses.get(1), "安否 二郎", "1年2組");
		registration.registrant(list, addresses.get(2), "安否 三郎", "1年2組");
		catcher.clear();
	}

	/** Saves a safety notice with the ready-made questions, and returns its id. */
	private long safetyNotice(String... more) {
		String[] fields = { "subject", "地震の安否確認", "text", "{{氏名}} 様\n{{受信確認リンク}}", "listIds", String.valueOf(list.id()),
				"questions[0].label", "あなたの状況", "questions[0].kind", "SINGLE_CHOICE", "questions[0].options",
				"無事\n負傷している\n支援が必要", "questions[0].required", "true", "questions[0].maxLength", "200",
				"questions[1].label", "伝えたいこと", "questions[1].kind", "TEXT", "questions[1].maxLength", "50",
				"questions[2].label", "", "questions[2].kind", "SINGLE_CHOICE", "questions[2].maxLength", "200" };
		String[] all = new String[fields.length + more.length];
		System.arraycopy(fields, 0, all, 0, fields.length);
		System.arraycopy(more, 0, all, fields.length, more.length);
		var saved = post(mvc, sender, "/notices/new", all);
		assertThat(saved).hasStatus3xxRedirection();
		String location = saved.getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private void release(long id) {
		assertThat(post(mvc, sender, "/notices/" + id + "/release")).hasStatus3xxRedirection();
		engine.sendDueNow();
	}

	private String linkOf(String address) {
		return RegistrationFixtures.link(registration.mailTo(address), "/c/");
	}

	private List<String> answers(long noticeId) {
		return jdbc.sql("SELECT position || ':' || answer FROM receipt_answer WHERE notice_id = :id ORDER BY 1")
			.param("id", noticeId)
			.query(String.class)
			.list();
	}

	@Test
	void theReadyMadeSetsFillTheFormWithoutSavingAnything() {
		long before = jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single();
		assertThat(mvc.get().uri("/notices/new?preset=SAFETY").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("【安否確認】")
			.contains("あなたの状況")
			.contains("支援が必要");
		assertThat(post(mvc, sender, "/notices/new", "subject", "", "preset", "MUSTER")).hasStatusOk()
			.bodyText()
			.contains("参集の可否")
			.contains("到着の見込み")
			.doesNotContain("field__error");
		assertThat(post(mvc, sender, "/notices/new", "subject", "x", "addQuestion", "1", "questions[0].label", "一つ目"))
			.bodyText()
			.contains("質問2")
			.contains("一つ目");
		assertThat(mvc.get().uri("/notices/new?preset=NOPE").with(sender.signedIn()).exchange())
			.hasStatus4xxClientError();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void questionsAreCheckedBeforeTheyAreSaved() {
		long before = jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single();
		var oneChoice = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds",
				String.valueOf(list.id()), "questions[0].label", "出欠", "questions[0].kind", "SINGLE_CHOICE",
				"questions[0].options", "出席", "questions[0].maxLength", "200");
		assertThat(oneChoice).hasStatusOk().bodyText().contains("2つから20個まで");
		var noLabel = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds",
				String.valueOf(list.id()), "questions[0].label", "", "questions[0].options", "a\nb",
				"questions[0].maxLength", "200");
		assertThat(noLabel).hasStatusOk().bodyText().contains("質問文を入力してください");
		var twice = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds",
				String.valueOf(list.id()), "questions[0].label", "出欠", "questions[0].options", "出席\n出席",
				"questions[0].maxLength", "200");
		assertThat(twice).hasStatusOk().bodyText().contains("同じ選択肢が2回あります");
		var tooLong = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds",
				String.valueOf(list.id()), "questions[0].label", "自由", "questions[0].kind", "TEXT",
				"questions[0].maxLength", "5000");
		assertThat(tooLong).hasStatusOk().bodyText().contains("1から1000までの数を入力してください");
		String[] eleven = new String[6 + 11 * 6];
		String[] head = { "subject", "件名", "text", "本文", "listIds", String.valueOf(list.id()) };
		System.arraycopy(head, 0, eleven, 0, 6);
		for (int i = 0; i < 11; i++) {
			String[] question = { "questions[" + i + "].label", "質問" + i, "questions[" + i + "].kind", "TEXT",
					"questions[" + i + "].maxLength", "10" };
			System.arraycopy(question, 0, eleven, 6 + i * 6, 6);
		}
		assertThat(post(mvc, sender, "/notices/new", eleven)).hasStatusOk().bodyText().contains("質問は10問までです");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void residentsAnswerChangeTheirAnswersAndTheSenderSeesTheTally() throws Exception {
		long id = safetyNotice();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("あなたの状況")
			.contains("無事 / 負傷している / 支援が必要");
		release(id);
		String first = linkOf(addresses.get(0));

		var page = mvc.get().uri(first).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("地震の安否確認")
			.contains("あなたの状況")
			.contains("type=\"radio\"")
			.contains("name=\"q1\"");
		assertThat(answers(id)).isEmpty();

		// a required question left out, an unknown choice, text too long: nothing
		// recorded
		assertThat(mvc.post().uri(first).param("q2", "元気です").exchange()).hasStatus(400)
			.bodyText()
			.contains("この質問には回答が必要です")
			.contains("元気です");
		assertThat(mvc.post().uri(first).param("q1", "元気").exchange()).hasStatus(400)
			.bodyText()
			.contains("選択肢の中から選んでください");
		assertThat(mvc.post().uri(first).param("q1", "無事", "負傷している").exchange()).hasStatus(400)
			.bodyText()
			.contains("1つだけ選んでください");
		assertThat(mvc.post().uri(first).param("q1", "無事").param("q2", "あ".repeat(51)).exchange()).hasStatus(400)
			.bodyText()
			.contains("50文字以内");
		assertThat(answers(id)).isEmpty();
		assertThat(confirmation.confirmations(NoticeId.of(id))).isZero();

		assertThat(mvc.post().uri(first).param("q1", "負傷している").param("q2", "足を痛めました").exchange()).hasStatusOk()
			.bodyText()
			.contains("回答を受け付けました")
			.contains("負傷している")
			.contains("足を痛めました");
		assertThat(answers(id)).containsExactly("1:負傷している", "2:足を痛めました");
		// the page shows the answers and lets them be changed
		assertThat(mvc.get().uri(first).exchange()).bodyText().contains("回答済みです").contains("回答を変更する");
		assertThat(mvc.post().uri(first).param("q1", "無事").exchange()).hasStatusOk().bodyText().contains("回答を変更しました");
		assertThat(answers(id)).containsExactly("1:無事");

		assertThat(mvc.post().uri(linkOf(addresses.get(1))).param("q1", "支援が必要").exchange()).hasStatusOk();

		var results = confirmation.results(NoticeId.of(id), sender.staff().requireBody());
		assertThat(results.sent()).isEqualTo(3);
		assertThat(results.confirmed()).isEqualTo(2);
		assertThat(results.answered()).isEqualTo(2);
		assertThat(results.tallies().get(1)).containsEntry("無事", 1L)
			.containsEntry("支援が必要", 1L)
			.containsEntry("負傷している", 0L);
		assertThat(results.byAffiliation()).extracting(ResultGroup::label, ResultGroup::sent, ResultGroup::answered)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("1年1組", 1L, 1L),
					org.assertj.core.groups.Tuple.tuple("1年2組", 2L, 1L));

		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("受信確認・回答の状況")
			.contains("問1 あなたの状況")
			.contains("所属別")
			.contains("<progress");
		assertThat(mvc.get().uri("/notices/" + id + "/results").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("問1 あなたの状況")
			.doesNotContain("<html");

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
	void aReminderGoesToThoseWhoHaveNotAnsweredAndItsLinkAnswersTheNotice() throws Exception {
		long id = safetyNotice();
		release(id);
		assertThat(mvc.post().uri(linkOf(addresses.get(0))).param("q1", "無事").exchange()).hasStatusOk();
		catcher.clear();

		var reminded = post(mvc, sender, "/notices/" + id + "/remind");
		String location = reminded.getResponse().getRedirectedUrl();
		long reminder = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(reminder).isNotEqualTo(id);
		assertThat(mvc.get().uri(location).with(sender.signedIn()).exchange()).bodyText()
			.contains("【再送】地震の安否確認")
			.contains("2人");
		release(reminder);

		assertThat(registration.mailsTo(addresses.get(0))).isZero();
		String link = linkOf(addresses.get(1));
		assertThat(registration.mailTo(addresses.get(1)).subject()).contains("【再送】");
		assertThat(mvc.get().uri(link).exchange()).bodyText().contains("地震の安否確認").contains("あなたの状況");
		assertThat(mvc.post().uri(link).param("q1", "無事").exchange()).hasStatusOk();

		// recorded on the original notice
		assertThat(confirmation.results(NoticeId.of(id), sender.staff().requireBody()).answered()).isEqualTo(2);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("【再送】地震の安否確認");
		// a reminder of the reminder reminds of the first notice: one person left
		var again = post(mvc, sender, "/notices/" + reminder + "/remind");
		String second = again.getResponse().getRedirectedUrl();
		assertThat(mvc.get().uri(second).with(sender.signedIn()).exchange()).bodyText().contains("1人");
	}

	@Test
	void automaticRemindersGoWhenDueAtMostTheGivenTimes() {
		long id = safetyNotice("autoRemindTimes", "2", "autoRemindMinutes", "30");
		release(id);
		catcher.clear();
		assertThat(reminders.remindDue()).isZero();
		// 31 minutes later
		jdbc.sql("UPDATE notice SET released_at = released_at - INTERVAL '31' MINUTE WHERE id = :id")
			.param("id", id)
			.update();
		assertThat(reminders.remindDue()).isEqualTo(1);
		assertThat(reminders.remindDue()).isZero();
		engine.sendDueNow();
		assertThat(registration.mailsTo(addresses.get(0))).isEqualTo(1);
		// everyone answers: the second reminder has nobody to go to
		for (String address : addresses) {
			assertThat(mvc.post().uri(linkOf(address)).param("q1", "無事").exchange()).hasStatusOk();
		}
		jdbc.sql("UPDATE notice SET released_at = released_at - INTERVAL '31' MINUTE WHERE id = :id")
			.param("id", id)
			.update();
		assertThat(reminders.remindDue()).isZero();
		assertThat(notices.reminders(sender.staff(), id)).hasSize(1);
		assertThat(jdbc.sql("SELECT reminders_sent FROM notice WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void afterTheDeadlineTheLinkIsClosedAndRecordsNothingUntilItIsMoved() throws Exception {
		long id = safetyNotice();
		release(id);
		String link = linkOf(addresses.get(0));
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk();
		// another body cannot close it
		TestStaff stranger = staff.manager(staff.body());
		assertThat(post(mvc, stranger, "/notices/" + id + "/deadline", "closeNow", "true")).hasStatus(404);
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk();
		assertThat(post(mvc, sender, "/notices/" + id + "/deadline", "closeNow", "true")).flash()
			.containsEntry("flashMessage", "notice.answersClosed");
		assertThat(mvc.get().uri(link).exchange()).hasStatus(410).bodyText().contains("受付は終了しました");
		assertThat(mvc.post().uri(link).param("q1", "無事").exchange()).hasStatus(410);
		assertThat(answers(id)).isEmpty();
		assertThat(confirmation.confirmations(NoticeId.of(id))).isZero();
		assertThat(post(mvc, sender, "/notices/" + id + "/remind").getResponse().getRedirectedUrl())
			.isEqualTo("/notices/" + id);
		// opened again for a day
		String tomorrow = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
			.plusDays(1)
			.withNano(0)
			.toString();
		assertThat(post(mvc, sender, "/notices/" + id + "/deadline", "at", tomorrow)).flash()
			.containsEntry("flashMessage", "notice.deadlineChanged");
		assertThat(mvc.post().uri(link).param("q1", "無事").exchange()).hasStatusOk();
		assertThat(answers(id)).containsExactly("1:無事");
	}

	@Test
	void aScheduleAfterTheDeadlineIsRefusedAndAStuckOneGoesBackToDraft() {
		java.time.LocalDateTime tomorrow = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
			.plusDays(1)
			.withNano(0);
		long id = safetyNotice("answerDeadline", tomorrow.toString());
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", tomorrow.plusDays(1).toString())).flash()
			.containsEntry("flashError", "notice.error.deadlineBeforeSchedule");
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", tomorrow.minusHours(1).toString())).flash()
			.containsEntry("flashMessage", "notice.scheduled");
		// its deadline moved into the past before its time came: it does not go, and is
		// not
		// tried for ever
		jdbc.sql("""
				UPDATE notice SET answer_deadline = CURRENT_TIMESTAMP - INTERVAL '1' HOUR,
				       scheduled_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE id = :id
				""").param("id", id).update();
		releases.releaseDue();
		assertThat(jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("DRAFT");
	}

	@Test
	void answersGoWhenTheRegistrantStops() throws Exception {
		long id = safetyNotice();
		release(id);
		String manage = RegistrationFixtures.link(registration.mailTo(addresses.get(0)), "/m/");
		assertThat(mvc.post().uri(linkOf(addresses.get(0))).param("q1", "支援が必要").param("q2", "足が不自由です").exchange())
			.hasStatusOk();
		assertThat(answers(id)).containsExactly("1:支援が必要", "2:足が不自由です");
		assertThat(mvc.post()
			.uri(manage + "/stop")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.exchange()).hasStatusOk();
		assertThat(answers(id)).isEmpty();
	}

	@Test
	void aDraftWhoseDeadlineHasPassedIsNotSent() {
		long id = safetyNotice("answerDeadline", "2020-01-01T09:00");
		assertThat(post(mvc, sender, "/notices/" + id + "/release")).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "notice.error.deadlinePast");
		assertThat(jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("DRAFT");
	}

}
