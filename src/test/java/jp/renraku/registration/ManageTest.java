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
 * A registrant's own page behind the personal link: change, stop with one click, RFC
 * 8058.
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

	RegistrationList list;

	String email;

	String manageLink;

	@BeforeEach
	void aRegistrant() {
		TestStaff manager = staff.manager(staff.body());
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
	void stoppingTakesOneClickAndErasesThePersonalInformation() {
		var stopped = mvc.post().uri(manageLink + "/stop").with(csrf()).exchange();
		assertThat(stopped).hasStatusOk().bodyText().contains("配信を停止しました");
		assertThat(count()).isZero();
		var consent = jdbc.sql("SELECT * FROM consent_record WHERE list_id = :l")
			.param("l", list.id())
			.query()
			.singleRow();
		assertThat(consent).containsEntry("end_reason", "STOPPED");
		assertThat(consent.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).contains(email));
		assertThat(consent.get("email_hash").toString()).hasSize(64);
		// the link is dead afterwards
		assertThat(mvc.get().uri(manageLink).exchange()).hasStatus(404);
		assertThat(fixtures.mailTo(email).subject()).contains("配信を停止しました");
	}

	@Test
	void oneClickUnsubscribeFromTheMailProgramNeedsNoSessionOrToken() {
		assertThat(mvc.get().uri(manageLink + "/unsubscribe").exchange()).hasStatusOk().bodyText().contains("配信を停止する");
		assertThat(count()).as("a GET, as link checkers do, stops nothing").isEqualTo(1);
		var result = mvc.post()
			.uri(manageLink + "/unsubscribe")
			.contentType("application/x-www-form-urlencoded")
			.content("List-Unsubscribe=One-Click")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(count()).isZero();
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

}
