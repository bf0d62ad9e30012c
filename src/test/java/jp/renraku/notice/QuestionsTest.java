package jp.renraku.notice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Art. 5-2 questions as the sender writes them: the ready-made sets fill the form, the
 * questions are checked before anything is saved, and a notice whose answers would be
 * closed before it goes out is neither released nor scheduled.
 */
@RenrakuIntegrationTest
class QuestionsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	NoticeReleases releases;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	String listId;

	@BeforeEach
	void threeRegistrants() {
		sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@docomo.ne.jp"));
		sender = sending.sender();
		listId = String.valueOf(sending.list().id());
	}

	private long noticeCount() {
		return jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single();
	}

	@Test
	void theReadyMadeSetsFillTheFormWithoutSavingAnything() {
		long before = noticeCount();
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
		assertThat(noticeCount()).isEqualTo(before);
	}

	/**
	 * Enter in a text field submits the form's first submit button (HTML implicit
	 * submission). That must be the save button, not 安否確認: the form's first button has no
	 * name, so the browser sends no preset, and the draft is saved as typed.
	 */
	@Test
	void enterInTheSubjectSavesTheDraftAndAddsNoQuestions() throws Exception {
		String form = mvc.get()
			.uri("/notices/new")
			.with(sender.signedIn())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		Matcher firstButton = Pattern.compile("<button[^>]*>")
			.matcher(form.substring(form.indexOf("action=\"/notices/new\"")));
		assertThat(firstButton.find()).isTrue();
		assertThat(firstButton.group()).contains("type=\"submit\"").doesNotContain("name=");
		assertThat(form.indexOf(firstButton.group())).as("before the subject field")
			.isLessThan(form.indexOf("id=\"subject\""))
			.isLessThan(form.indexOf("name=\"preset\""));

		// what the browser sends on Enter: the fields as typed, no button's name
		var saved = post(mvc, sender, "/notices/new", "subject", "エンターで保存", "text", "本文", "listIds", listId,
				"questions[0].label", "", "questions[0].kind", "SINGLE_CHOICE");
		assertThat(saved).hasStatus3xxRedirection().flash().containsEntry("flashMessage", "notice.saved");
		long id = NoticeFixtures.idOf(saved);
		assertThat(jdbc.sql("SELECT subject, ask_confirmation FROM notice WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow()).containsEntry("subject", "エンターで保存").containsEntry("ask_confirmation", false);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_question WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void questionsAreCheckedBeforeTheyAreSaved() {
		long before = noticeCount();
		var oneChoice = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds", listId,
				"questions[0].label", "出欠", "questions[0].kind", "SINGLE_CHOICE", "questions[0].options", "出席",
				"questions[0].maxLength", "200");
		assertThat(oneChoice).hasStatusOk().bodyText().contains("2つから20個まで");
		var noLabel = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds", listId,
				"questions[0].label", "", "questions[0].options", "a\nb", "questions[0].maxLength", "200");
		assertThat(noLabel).hasStatusOk().bodyText().contains("質問文を入力してください");
		var twice = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds", listId,
				"questions[0].label", "出欠", "questions[0].options", "出席\n出席", "questions[0].maxLength", "200");
		assertThat(twice).hasStatusOk().bodyText().contains("同じ選択肢が2回あります");
		var tooLong = post(mvc, sender, "/notices/new", "subject", "件名", "text", "本文", "listIds", listId,
				"questions[0].label", "自由", "questions[0].kind", "TEXT", "questions[0].maxLength", "5000");
		assertThat(tooLong).hasStatusOk().bodyText().contains("1から1000までの数を入力してください");
		NoticeFixtures.Draft eleven = notices.draft(sending).subject("件名");
		for (int i = 0; i < 11; i++) {
			eleven.fields("questions[" + i + "].label", "質問" + i, "questions[" + i + "].kind", "TEXT",
					"questions[" + i + "].maxLength", "10");
		}
		assertThat(eleven.post()).hasStatusOk().bodyText().contains("質問は10問までです");
		assertThat(noticeCount()).isEqualTo(before);
	}

	@Test
	void aDraftWhoseDeadlineHasPassedIsNotSent() {
		long id = notices.safetyDraft(sending).field("answerDeadline", "2020-01-01T09:00").save();
		assertThat(notices.release(sender, id)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "notice.error.deadlinePast");
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

	@Test
	void aScheduleAfterTheDeadlineIsRefusedAndAStuckOneGoesBackToDraft() {
		LocalDateTime tomorrow = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(1).withNano(0);
		long id = notices.safetyDraft(sending).field("answerDeadline", tomorrow.toString()).save();
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", tomorrow.plusDays(1).toString())).flash()
			.containsEntry("flashError", "notice.error.deadlineBeforeSchedule");
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", tomorrow.minusHours(1).toString())).flash()
			.containsEntry("flashMessage", "notice.scheduled");
		// its deadline moved into the past before its time came: it does not go, and is
		// not tried for ever
		jdbc.sql("""
				UPDATE notice SET answer_deadline = CURRENT_TIMESTAMP - INTERVAL '1' HOUR,
				       scheduled_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE id = :id
				""").param("id", id).update();
		releases.releaseDue();
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

}
