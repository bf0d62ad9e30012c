package jp.renraku.registration;

import java.util.List;
import java.util.Map;

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
 * The operations manager of body A tries every list and registrant endpoint on body B's
 * objects: 404 and nothing changes. Senders and the system administrator do not reach
 * registrants at all.
 */
@RenrakuIntegrationTest
class RegistrationTenancyTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	TestStaff managerA;

	TestStaff managerB;

	RegistrationList listB;

	long registrantB;

	@BeforeEach
	void twoBodies() {
		managerA = staff.manager(staff.body());
		managerB = staff.manager(staff.body());
		fixtures.list(managerA);
		listB = fixtures.list(managerB);
		registrantB = fixtures.registrant(listB, StaffFixtures.unique("b") + "@example.jp", "乙 太郎", "1年1組");
	}

	private Map<String, Object> listRow() {
		return jdbc
			.sql("SELECT name, registration_password, registration_open, purpose FROM registration_list WHERE id = :id")
			.param("id", listB.id())
			.query()
			.singleRow();
	}

	private Map<String, Object> registrantRow() {
		return jdbc.sql("SELECT state, name, affiliation FROM registrant WHERE id = :id")
			.param("id", registrantB)
			.query()
			.singleRow();
	}

	@Test
	void managerOfAnotherBodyGets404EverywhereAndNothingChanges() {
		Map<String, Object> listBefore = listRow();
		Map<String, Object> registrantBefore = registrantRow();
		for (String uri : List.of("/lists/" + listB.id(), "/lists/" + listB.id() + "/edit",
				"/lists/" + listB.id() + "/guide", "/lists/" + listB.id() + "/registrants",
				"/registrants/" + registrantB, "/registrants/" + registrantB + "/delete")) {
			assertThat(mvc.get().uri(uri).with(managerA.signedIn()).exchange()).as(uri).hasStatus(404);
		}
		for (String uri : List.of("/lists/" + listB.id() + "/edit", "/lists/" + listB.id() + "/rotate-password",
				"/lists/" + listB.id() + "/close", "/lists/" + listB.id() + "/open", "/registrants/" + registrantB,
				"/registrants/" + registrantB + "/delete", "/registrants/" + registrantB + "/approve",
				"/registrants/" + registrantB + "/reject")) {
			assertThat(mvc.post()
				.uri(uri)
				.with(managerA.signedIn())
				.with(csrf())
				.param("name", "乗っ取り")
				.param("reason", "利用規程に反する使い方")
				.exchange()).as(uri).hasStatus(404);
		}
		assertThat(listRow()).isEqualTo(listBefore);
		assertThat(registrantRow()).isEqualTo(registrantBefore);
	}

	@Test
	void listPageShowsOnlyTheOwnBodysLists() {
		assertThat(mvc.get().uri("/lists").with(managerA.signedIn()).exchange()).bodyText()
			.doesNotContain(listB.name());
	}

	@Test
	void sendersAndTheSystemAdministratorDoNotReachRegistrants() {
		TestStaff sender = staff.sender(managerB);
		TestStaff admin = staff.systemAdmin();
		for (TestStaff other : List.of(sender, admin)) {
			for (String uri : List.of("/lists", "/lists/" + listB.id(), "/lists/" + listB.id() + "/registrants",
					"/registrants/" + registrantB)) {
				assertThat(mvc.get().uri(uri).with(other.signedIn()).exchange()).as(uri).hasStatus(403);
			}
			assertThat(mvc.post()
				.uri("/registrants/" + registrantB + "/delete")
				.with(other.signedIn())
				.with(csrf())
				.param("reason", "利用規程に反する使い方")
				.exchange()).hasStatus(403);
		}
		assertThat(registrantRow()).containsEntry("name", "乙 太郎");
	}

	@Test
	void ownManagerDeletesOnlyWithAListedReason() {
		assertThat(mvc.post()
			.uri("/registrants/" + registrantB + "/delete")
			.with(managerB.signedIn())
			.with(csrf())
			.param("reason", "気に入らない")
			.exchange()).flash().containsEntry("flashError", "registrant.error.reason");
		assertThat(registrantRow()).containsEntry("name", "乙 太郎");
		assertThat(mvc.post()
			.uri("/registrants/" + registrantB + "/delete")
			.with(managerB.signedIn())
			.with(csrf())
			.param("reason", "登録者が対象でなくなったとき")
			.exchange()).hasRedirectedUrl("/lists/" + listB.id() + "/registrants");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant WHERE id = :id")
			.param("id", registrantB)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANT_DELETED' AND target = :t")
			.param("t", "registrant:" + registrantB)
			.query(String.class)
			.single()).isEqualTo("登録者が対象でなくなったとき");
	}

}
