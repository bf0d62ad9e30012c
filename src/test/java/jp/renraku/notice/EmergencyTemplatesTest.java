package jp.renraku.notice;

import java.util.Map;
import java.util.TreeMap;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.Language;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ready-made emergency messages (issue 19): filled once, they make a draft with a
 * version in every language, the date in each language's own way, and a safety check's
 * questions worded in each.
 */
@RenrakuIntegrationTest
class EmergencyTemplatesTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aSender() {
		sending = notices.sending(NoticeFixtures.residents("a@example.jp"));
		sender = sending.sender();
	}

	private Map<String, String> versions(long id) {
		Map<String, String> found = new TreeMap<>();
		jdbc.sql("SELECT language, subject FROM notice_version WHERE notice_id = :id").param("id", id).query(rs -> {
			found.put(rs.getString("language"), rs.getString("subject"));
		});
		return found;
	}

	@Test
	void anEvacuationOrderIsFilledOnceForEveryLanguage() {
		assertThat(mvc.get().uri("/notices/emergency").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("避難指示")
			.contains("高齢者等避難")
			.contains("避難所開設")
			.contains("休校")
			.contains("断水")
			.contains("安否確認")
			.contains("集合");
		assertThat(mvc.get().uri("/notices/emergency/evacuationOrder").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("id=\"shelter\"")
			.contains("type=\"datetime-local\"");
		var made = post(mvc, sender, "/notices/emergency/evacuationOrder", "area", "八鹿町全域", "time", "2026-12-01T15:30",
				"shelter", "八鹿小学校体育館");
		assertThat(made).hasStatus3xxRedirection().flash().containsEntry("flashMessage", "notice.emergency.created");
		String location = made.getResponse().getRedirectedUrl();
		assertThat(location).endsWith("/edit");
		long id = Long.parseLong(location.replaceAll("\\D+(\\d+)/edit", "$1"));

		Map<String, Object> notice = jdbc.sql("SELECT subject, body_text, emergency FROM notice WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(notice).containsEntry("subject", "【緊急】八鹿町全域に避難指示").containsEntry("emergency", true);
		assertThat((String) notice.get("body_text")).contains("12月1日（火）15時30分").contains("八鹿小学校体育館");
		Map<String, String> versions = versions(id);
		assertThat(versions).hasSize(Language.values().length - 1)
			.allSatisfy((language, subject) -> assertThat(subject).as(language).contains("八鹿町全域").doesNotContain("{"));
		String vi = jdbc.sql("SELECT body_text FROM notice_version WHERE notice_id = :id AND language = 'vi'")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(vi).contains("Thứ Ba").contains("15:30").contains("八鹿小学校体育館");
		// the draft is the sender's, to choose its lists
		assertThat(mvc.get().uri(location).with(sender.signedIn()).exchange()).hasStatusOk();
		TestStaff stranger = notices.sending().sender();
		assertThat(mvc.get().uri("/notices/" + id).with(stranger.signedIn()).exchange()).hasStatus(404);
	}

	@Test
	void aSafetyCheckAsksItsQuestionsInEveryLanguage() {
		var made = post(mvc, sender, "/notices/emergency/safetyCheck", "disaster", "地震", "time", "2026-12-01T06:00");
		long id = Long.parseLong(made.getResponse().getRedirectedUrl().replaceAll("\\D+(\\d+)/edit", "$1"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_question WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(jdbc.sql("""
				SELECT options FROM notice_question_version WHERE notice_id = :id AND language = 'ko' AND position = 1
				""").param("id", id).query(String.class).single().lines().count())
			.isEqualTo(jdbc.sql("SELECT options FROM notice_question WHERE notice_id = :id AND position = 1")
				.param("id", id)
				.query(String.class)
				.single()
				.lines()
				.count());
	}

	@Test
	void whatIsMissingIsSaidAndNothingIsMade() {
		long before = jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single();
		assertThat(post(mvc, sender, "/notices/emergency/schoolClosed", "school", "", "day", "12/1", "reason", "大雪"))
			.hasStatusOk()
			.bodyText()
			.contains("入力してください")
			.contains("日付を入力してください");
		assertThat(mvc.get().uri("/notices/emergency/nope").with(sender.signedIn()).exchange()).hasStatus(404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice").query(Long.class).single()).isEqualTo(before);
	}

}
