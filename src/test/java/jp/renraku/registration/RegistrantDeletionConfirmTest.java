package jp.renraku.registration;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a registrant erases them beyond recovery, so the registrant's page only links
 * to a page of its own (no script) that names who is erased and asks the reason; its POST
 * is the only thing that deletes. Another body's manager gets 404 on both and erases
 * nothing.
 */
@RenrakuIntegrationTest
class RegistrantDeletionConfirmTest {

	private static final String REASON = "登録者が対象でなくなったとき";

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

	long registrant;

	@BeforeEach
	void aRegistrant() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		email = StaffFixtures.unique("del") + "@example.jp";
		registrant = fixtures.registrant(list, email, "削除 花子", "1年1組");
	}

	private long rows() {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE id = :id")
			.param("id", registrant)
			.query(Long.class)
			.single();
	}

	private String page(MvcTestResult result) throws Exception {
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theDeletePageNamesWhoIsErasedAndDeletesNothingUntilItsButton() throws Exception {
		String detail = page(mvc.get().uri("/registrants/" + registrant).with(manager.signedIn()).exchange());
		assertThat(detail).contains("href=\"/registrants/" + registrant + "/delete\"")
			.doesNotContain("action=\"/registrants/" + registrant + "/delete\"");

		String confirmation = page(
				mvc.get().uri("/registrants/" + registrant + "/delete").with(manager.signedIn()).exchange());
		assertThat(confirmation).contains("この登録を削除しますか")
			.contains("次の1人の登録を削除します")
			.contains(email)
			.contains("削除 花子")
			.contains("<option value=\"" + REASON + "\">")
			.contains("action=\"/registrants/" + registrant + "/delete\" method=\"post\"")
			.contains("href=\"/registrants/" + registrant + "\"");
		assertThat(rows()).isOne();

		assertThat(post(mvc, manager, "/registrants/" + registrant + "/delete", "reason", REASON))
			.hasRedirectedUrl("/lists/" + list.id() + "/registrants");
		assertThat(rows()).isZero();
	}

	@Test
	void anotherBodysManagerGets404OnTheDeletePageAndTheDeletionAndErasesNothing() {
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/registrants/" + registrant + "/delete").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/registrants/" + registrant + "/delete", "reason", REASON)).hasStatus(404);
		assertThat(rows()).isOne();
	}

	@Test
	void refusingAPendingRegistrationAsksOnAPageOfItsOwn() throws Exception {
		jdbc.sql("UPDATE registrant SET state = 'PENDING' WHERE id = :id").param("id", registrant).update();
		String detail = page(mvc.get().uri("/registrants/" + registrant).with(manager.signedIn()).exchange());
		assertThat(detail).contains("href=\"/registrants/" + registrant + "/reject\"")
			.doesNotContain("action=\"/registrants/" + registrant + "/reject\"");
		String confirmation = page(
				mvc.get().uri("/registrants/" + registrant + "/reject").with(manager.signedIn()).exchange());
		assertThat(confirmation).contains("この登録を承認しませんか")
			.contains(email)
			.contains("メールで知らせます")
			.contains("action=\"/registrants/" + registrant + "/reject\" method=\"post\"");
		assertThat(rows()).isOne();

		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/registrants/" + registrant + "/reject").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/registrants/" + registrant + "/reject")).hasStatus(404);
		assertThat(rows()).isOne();

		assertThat(post(mvc, manager, "/registrants/" + registrant + "/reject"))
			.hasRedirectedUrl("/lists/" + list.id() + "/registrants");
		assertThat(jdbc.sql("SELECT state FROM registrant WHERE id = :id")
			.param("id", registrant)
			.query(String.class)
			.optional()).isNotEqualTo(Optional.of("PENDING"));
	}

}
