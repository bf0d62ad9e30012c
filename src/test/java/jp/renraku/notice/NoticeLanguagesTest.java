package jp.renraku.notice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.Language;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice in three versions — Japanese, easy Japanese and Vietnamese — released to
 * registrants of five languages (issue 19): on the wire each gets the version of their
 * language, or easy Japanese when there is none in theirs; the fixed parts of the mail
 * and the answer page are in their own language; the answers, given in five languages,
 * are one tally of the Japanese choices.
 */
@RenrakuIntegrationTest
class NoticeLanguagesTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	ConfirmationFixtures confirmations;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	/** Each registrant's address, by the language they chose. */
	final Map<Language, String> readers = new LinkedHashMap<>();

	@BeforeEach
	void fiveLanguages() {
		sending = notices.sending();
		sender = sending.sender();
		String prefix = "lang" + System.nanoTime();
		for (Language language : List.of(Language.JA, Language.EASY_JA, Language.VI, Language.KO, Language.PT)) {
			String address = prefix + "." + language.code() + "@example.jp";
			registration.registrantIn(sending.list(), address, "住民 " + language.code(), language);
			readers.put(language, address);
		}
		catcher.clear();
	}

	private long versionedSafetyNotice() {
		long id = notices.safetyDraft(sending).save();
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/ja-easy", "subject", "じしんの あんぴかくにん", "text",
				"{{氏名}} さま\n{{受信確認リンク}}", "label1", "あなたは だいじょうぶですか", "options1", "だいじょうぶ\nけがを した\nたすけて ほしい"))
			.hasRedirectedUrl("/notices/" + id);
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/vi", "subject", "Xác nhận an toàn sau động đất",
				"text", "Kính gửi {{氏名}},\n{{受信確認リンク}}", "label1", "Tình trạng của quý vị", "options1",
				"An toàn\nBị thương\nCần giúp đỡ"))
			.hasRedirectedUrl("/notices/" + id);
		return id;
	}

	@Test
	void eachRecipientGetsTheVersionOfTheirLanguageAndTheAnswersAreOneTally() {
		long id = versionedSafetyNotice();

		assertThat(mvc.get().uri("/notices/" + id + "/versions/vi").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("value=\"Xác nhận an toàn sau động đất\"")
			.contains("An toàn")
			.contains("lang=\"vi\"");
		// the compose page says how many get each version
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("Tiếng Việt")
			.contains("Xác nhận an toàn sau động đất")
			.contains("じしんの あんぴかくにん");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_version WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(2);

		notices.send(sender, id);

		// one row per recipient, each naming its version
		Map<String, String> versions = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT r.language AS reader, d.language AS version FROM delivery d
				JOIN registrant r ON r.id = d.registrant_id WHERE d.notice_id = :id
				""").param("id", id).query(rs -> {
			versions.put(rs.getString("reader"), rs.getString("version"));
		});
		assertThat(versions).containsExactlyInAnyOrderEntriesOf(
				Map.of("ja", "ja", "ja-easy", "ja-easy", "vi", "vi", "ko", "ja-easy", "pt-BR", "ja-easy"));

		Map<Language, MailCatcher.CaughtMail> mails = new LinkedHashMap<>();
		readers.forEach((language, address) -> mails.put(language, registration.mailTo(address)));
		assertThat(mails.get(Language.JA).subject()).endsWith("地震の安否確認");
		assertThat(mails.get(Language.JA).body()).contains("住民 ja 様").contains("差出人");
		assertThat(mails.get(Language.EASY_JA).subject()).endsWith("じしんの あんぴかくにん");
		assertThat(mails.get(Language.VI).subject()).endsWith("Xác nhận an toàn sau động đất");
		assertThat(mails.get(Language.VI).body()).contains("Kính gửi 住民 vi,").doesNotContain("差出人");
		// no Korean or Portuguese version: easy Japanese, with the footer in their
		// language
		assertThat(mails.get(Language.KO).subject()).endsWith("じしんの あんぴかくにん");
		assertThat(mails.get(Language.KO).body()).contains("住民 ko さま").contains("보낸 사람");
		assertThat(mails.get(Language.PT).subject()).endsWith("じしんの あんぴかくにん");
		mails.values().forEach(mail -> assertThat(mail.to()).hasSize(1));

		// the answer page in the reader's language; the answers are the Japanese choices
		String vi = confirmations.link(readers.get(Language.VI));
		assertThat(vi).contains("lang=vi");
		assertThat(mvc.get().uri(vi).exchange()).hasStatusOk()
			.bodyText()
			.contains("lang=\"vi\"")
			.contains("Tình trạng của quý vị")
			.contains("Cần giúp đỡ")
			.contains("value=\"支援が必要\"");
		String ko = confirmations.link(readers.get(Language.KO));
		assertThat(mvc.get().uri(ko).exchange()).hasStatusOk()
			.bodyText()
			.contains("lang=\"ko\"")
			.contains("あなたは だいじょうぶですか");
		assertThat(confirmations.answer(vi, "q1", "支援が必要")).hasStatusOk().bodyText().contains("Cần giúp đỡ");
		assertThat(confirmations.answer(ko, "q1", "無事")).hasStatusOk().bodyText().contains("だいじょうぶ");
		assertThat(confirmations.answer(confirmations.link(readers.get(Language.JA)), "q1", "無事")).hasStatusOk();
		assertThat(confirmations.answer(confirmations.link(readers.get(Language.PT)), "q1", "負傷している")).hasStatusOk();
		assertThat(confirmations.answer(confirmations.link(readers.get(Language.EASY_JA)), "q1", "無事")).hasStatusOk();
		assertThat(confirmations.answers(id)).containsExactlyInAnyOrder("1:支援が必要", "1:無事", "1:無事", "1:無事", "1:負傷している");
		assertThat(mvc.get().uri("/notices/" + id + "/results").with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("あなたの状況")
			.doesNotContain("Tình trạng");
	}

	@Test
	void aCarrierPhoneGetsIso2022JpOnlyForJapanese() {
		registration.registrantIn(sending.list(), "lang" + System.nanoTime() + ".en@docomo.ne.jp", "Resident",
				Language.EN);
		String japanese = "lang" + System.nanoTime() + ".ja@docomo.ne.jp";
		registration.registrantIn(sending.list(), japanese, "住民", Language.JA);
		catcher.clear();
		long id = notices.draft(sending).subject("断水のお知らせ").text("明日は断水します。").save();
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/en", "subject", "Water outage", "text",
				"There will be no water tomorrow."))
			.hasRedirectedUrl("/notices/" + id);
		notices.send(sender, id);
		MailCatcher.CaughtMail english = catcher.caught()
			.stream()
			.filter(m -> m.to().get(0).endsWith(".en@docomo.ne.jp"))
			.findFirst()
			.orElseThrow();
		// every letter of it has a form in ISO-2022-JP, but it is not Japanese
		assertThat(english.rawHeaders()).containsIgnoringCase("charset=UTF-8");
		assertThat(english.body()).contains("There will be no water tomorrow.").contains("From:");
		assertThat(registration.mailTo(japanese).rawHeaders()).containsIgnoringCase("charset=ISO-2022-JP");
	}

	@Test
	void aVersionIsTestSentToTheWriterAsItsReadersGetIt() {
		String tester = "tester.lang" + System.nanoTime() + "@example.jp";
		jdbc.sql("UPDATE staff_account SET email = :e WHERE id = :id")
			.param("e", tester)
			.param("id", sender.id())
			.update();
		long id = versionedSafetyNotice();
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/vi/test"))
			.hasRedirectedUrl("/notices/" + id + "/versions/vi")
			.flash()
			.containsEntry("flashMessage", "notice.testSent");
		MailCatcher.CaughtMail test = registration.mailTo(tester);
		assertThat(test.subject()).endsWith("Xác nhận an toàn sau động đất");
		assertThat(test.body()).contains("Người gửi");
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/ko/test")).hasStatus(404);
	}

	@Test
	void residentsPagesOfferEveryLanguageAndStaffPagesJapaneseAndEnglish() {
		assertThat(mvc.get().uri("/r/" + sending.list().publicToken()).exchange()).hasStatusOk()
			.bodyText()
			.contains("class=\"language-switch\"")
			.contains("Tiếng Việt")
			.contains("?lang=pt-BR");
		assertThat(mvc.get().uri("/login").exchange()).hasStatusOk()
			.bodyText()
			.contains("?lang=en")
			.doesNotContain("Tiếng Việt");
		// the browser's language preselects on the registration pages only
		assertThat(mvc.get()
			.uri("/r/" + sending.list().publicToken())
			.header("Accept-Language", "vi-VN,vi;q=0.9")
			.exchange()).bodyText().contains("lang=\"vi\"");
		assertThat(mvc.get().uri("/login").header("Accept-Language", "vi-VN,vi;q=0.9").exchange()).bodyText()
			.contains("lang=\"ja\"");
	}

	@Test
	void anotherBodysStaffCannotSeeOrChangeTheVersions() {
		long id = versionedSafetyNotice();
		Sending other = notices.sending();
		TestStaff stranger = other.sender();
		assertThat(mvc.get().uri("/notices/" + id + "/versions/vi").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/versions/vi", "subject", "x", "text", "y")).hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/versions/vi/delete")).hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/versions/vi/test")).hasStatus(404);
		assertThat(jdbc.sql("SELECT subject FROM notice_version WHERE notice_id = :id AND language = 'vi'")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("Xác nhận an toàn sau động đất");
	}

	@Test
	void aVersionIsCheckedBeforeItIsSavedAndOnlyWhileADraft() {
		long id = notices.safetyDraft(sending).save();
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/vi", "subject", "", "text", "", "label1", "Câu hỏi",
				"options1", "Một\nHai"))
			.hasStatusOk()
			.bodyText()
			.contains("入力してください")
			.contains("日本語と同じ数（3個）");
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/ja", "subject", "x", "text", "y")).hasStatus(404);
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/xx", "subject", "x", "text", "y")).hasStatus(404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_version WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		notices.send(sender, id);
		assertThat(post(mvc, sender, "/notices/" + id + "/versions/vi", "subject", "x", "text", "y"))
			.hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "notice.error.notDraft");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_version WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

}
