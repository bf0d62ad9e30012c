package jp.renraku.registration;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A registrant's own page behind the personal link: change; stop, asked once more on a
 * page of its own; RFC 8058; and what the link answers once the person has stopped or was
 * erased.
 */
@RenrakuIntegrationTest
class ManageTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	RegistrationList list;

	String email;

	String manageLink;

	@BeforeEach
	void aRegistrant() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		fixtures.resetAttempts();
		email = StaffFixtures.unique("self") + "@example.jp";
		mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange();
		String link = RegistrationFixtures.link(fixtures.mailTo(email), "/r/");
		mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "本人 太郎")
			.param("furigana", "ほんにん")
			.param("affiliation", "1年1組")
			.param("category", String.valueOf(list.categories().get(0).id()))
			.exchange();
		manageLink = RegistrationFixtures.link(fixtures.mailTo(email), "/m/");
	}

	private long count() {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE email = :e")
			.param("e", email)
			.query(Long.class)
			.single();
	}

	@Test
	void registrantChangesTheirItemsAndCategories() {
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatusOk().bodyText().contains("本人 太郎").contains(email);
		var saved = mvc.post()
			.uri(manageLink)
			.with(csrf())
			.param("name", "本人 次郎")
			.param("furigana", "ほんにん")
			.param("affiliation", "1年2組")
			.param("category", String.valueOf(list.categories().get(2).id()))
			.param("category", String.valueOf(list.categories().get(1).id()))
			.exchange();
		assertThat(saved).hasStatusOk().bodyText().contains("登録内容を変更しました");
		long id = jdbc.sql("SELECT id FROM registrant WHERE email = :e").param("e", email).query(Long.class).single();
		assertThat(
				jdbc.sql("SELECT category_id FROM registrant_category WHERE registrant_id = :id ORDER BY category_id")
					.param("id", id)
					.query(Long.class)
					.list())
			.containsExactlyInAnyOrder(list.categories().get(1).id(), list.categories().get(2).id());
		assertThat(
				jdbc.sql("SELECT name, affiliation FROM registrant WHERE id = :id").param("id", id).query().singleRow())
			.containsEntry("name", "本人 次郎")
			.containsEntry("affiliation", "1年2組");
	}

	@Test
	void theStopButtonLeadsToAPageOfItsOwnThatSaysWhatIsErased() {
		var page = mvc.get().uri(manageLink).exchange();
		assertThat(page).bodyText()
			.contains("href=\"" + manageLink + "/stop\"")
			.doesNotContain("action=\"" + manageLink + "/stop\"");
		var confirm = mvc.get().uri(manageLink + "/stop").exchange();
		assertThat(confirm).hasStatusOk()
			.bodyText()
			.contains("配信を停止しますか")
			.contains("登録した次の情報を消去します")
			.contains(email)
			.contains("本人 太郎")
			.contains(list.categories().get(0).name())
			.contains("action=\"" + manageLink + "/stop\"")
			.contains("停止しないで、登録内容の画面に戻る");
		assertThat(count()).as("asking again stops nothing").isEqualTo(1);
	}

	@Test
	void stoppingErasesThePersonalInformationAndEndsOnTheStoppedPage() {
		var stopped = mvc.post().uri(manageLink + "/stop").with(csrf()).exchange();
		assertThat(stopped).hasStatusOk()
			.bodyText()
			.contains("配信を停止しました")
			.contains("「" + list.name() + "」のメール配信を停止し")
			.contains("href=\"/r/" + list.publicToken() + "\"")
			.contains("停止したことを、登録していたアドレスにメールでお知らせしました");
		assertThat(count()).isZero();
		var consent = jdbc.sql("SELECT * FROM consent_record WHERE list_id = :l")
			.param("l", list.id())
			.query()
			.singleRow();
		assertThat(consent).containsEntry("end_reason", "STOPPED");
		assertThat(consent.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).contains(email));
		assertThat(consent.get("email_hash").toString()).hasSize(64);
		assertThat(fixtures.mailTo(email).subject()).contains("配信を停止しました");
		// pressed twice: nothing more happens, and the page says the same
		assertThat(mvc.post().uri(manageLink + "/stop").with(csrf()).exchange()).hasStatus(410)
			.bodyText()
			.contains("配信を停止しました");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE list_id = :l")
			.param("l", list.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theOldLinkOfSomeoneWhoStoppedAnswersTheStoppedPageWithNoWayToStaffPages() {
		mvc.post().uri(manageLink + "/stop").with(csrf()).exchange();
		for (String page : List.of(manageLink, manageLink + "/stop", manageLink + "/unsubscribe")) {
			var old = mvc.get().uri(page).exchange();
			assertThat(old).as(page)
				.hasStatus(410)
				.bodyText()
				.contains("配信を停止しました")
				.contains(list.name())
				.contains("href=\"/r/" + list.publicToken() + "\"")
				.doesNotContain("停止したことを")
				.doesNotContain("href=\"/\"")
				.doesNotContain("/login");
		}
		// what is sent to it changes nothing and answers the same
		assertThat(mvc.post().uri(manageLink).with(csrf()).param("name", "別人").exchange()).hasStatus(410);
		assertThat(count()).isZero();
		// in English too
		assertThat(mvc.get().uri(manageLink + "?lang=en").exchange()).hasStatus(410)
			.bodyText()
			.contains("The mail is stopped");
	}

	@Test
	void whenTheListTakesNoRegistrationsTheStoppedPageSaysSoInsteadOfLinkingToIt() {
		mvc.post().uri(manageLink + "/stop").with(csrf()).exchange();
		assertThat(mvc.post().uri("/lists/" + list.id() + "/close").with(manager.signedIn()).with(csrf()).exchange())
			.hasStatus3xxRedirection();
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatus(410)
			.bodyText()
			.contains("いまは登録を受け付けていません")
			.doesNotContain("href=\"/r/");
	}

	@Test
	void aRegistrantDeletedByStaffFindsTheStoppedPageToo() {
		long id = jdbc.sql("SELECT id FROM registrant WHERE email = :e").param("e", email).query(Long.class).single();
		assertThat(mvc.post()
			.uri("/registrants/" + id + "/delete")
			.with(manager.signedIn())
			.with(csrf())
			.param("reason", list.deletionReasons().get(0))
			.exchange()).hasStatus3xxRedirection();
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatus(410).bodyText().contains("配信を停止しました");
	}

	@Test
	void oneClickUnsubscribeFromTheMailProgramNeedsNoSessionOrToken() {
		assertThat(mvc.get().uri(manageLink + "/unsubscribe").exchange()).hasStatusOk()
			.bodyText()
			.contains("配信を停止しますか")
			.contains("停止して情報を消去する");
		assertThat(count()).as("a GET, as link checkers do, stops nothing").isEqualTo(1);
		var result = mvc.post()
			.uri(manageLink + "/unsubscribe")
			.contentType("application/x-www-form-urlencoded")
			.content("List-Unsubscribe=One-Click")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(count()).isZero();
		// a mail program that posts again is told the same (RFC 8058 asks nothing more)
		assertThat(mvc.post()
			.uri(manageLink + "/unsubscribe")
			.contentType("application/x-www-form-urlencoded")
			.content("List-Unsubscribe=One-Click")
			.exchange()).hasStatusOk().bodyText().isEqualTo("stopped");
	}

	@Test
	void forgedOrAlteredLinksFindNobody() {
		String token = manageLink.substring(3);
		String[] parts = token.split("\\.");
		for (String forged : List.of(parts[0] + "." + parts[1] + ".AAAA",
				(Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2], parts[0] + ".other." + parts[2],
				"garbage")) {
			assertThat(mvc.get().uri("/m/" + forged).exchange()).as(forged).hasStatus(404);
			assertThat(mvc.post().uri("/m/" + forged + "/unsubscribe").exchange()).as(forged).hasStatus(404);
		}
		assertThat(count()).isEqualTo(1);
	}

	private String language() {
		return jdbc.sql("SELECT language FROM registrant WHERE email = :e")
			.param("e", email)
			.query(String.class)
			.single();
	}

	/**
	 * Issue 19: the personal page changes the language of every later mail and page; a
	 * language Renraku does not speak is refused and changes nothing.
	 */
	@Test
	void registrantChoosesTheLanguageOfTheirMailAndPages() {
		assertThat(language()).isEqualTo("ja");
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatusOk()
			.bodyText()
			.contains("メールとページの言語")
			.contains("value=\"vi\"");
		assertThat(mvc.post().uri(manageLink + "/language").with(csrf()).param("language", "xx").exchange())
			.hasStatusOk()
			.bodyText()
			.contains("class=\"field__error\" id=\"language-error\"")
			.contains("選択肢から選んでください");
		assertThat(language()).isEqualTo("ja");
		assertThat(mvc.post().uri(manageLink + "/language").with(csrf()).param("language", "vi").exchange())
			.hasStatusOk()
			.bodyText()
			.contains("lang=\"vi\"")
			.contains("Đã thay đổi ngôn ngữ");
		assertThat(language()).isEqualTo("vi");
		// the page opens in it with no cookie; stopping is mailed in it
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatusOk().bodyText().contains("lang=\"vi\"");
		assertThat(mvc.post().uri(manageLink + "/stop").with(csrf()).exchange()).hasStatusOk();
		assertThat(fixtures.mailTo(email).subject()).contains("Đã ngừng");
	}

}
