package jp.renraku.account;

import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.organization.OrganizationManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Staff of body A try every staff endpoint on body B's objects: they get 404 or 403 and
 * nothing changes. The body always comes from the signed-in account, never from the
 * request.
 */
@RenrakuIntegrationTest
class TenancyTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrganizationManagement organization;

	long bodyA;

	long bodyB;

	TestStaff managerA;

	TestStaff senderA;

	TestStaff managerB;

	TestStaff senderB;

	@BeforeEach
	void twoBodies() {
		bodyA = fixtures.body();
		bodyB = fixtures.body();
		managerA = fixtures.manager(bodyA);
		senderA = fixtures.sender(managerA);
		managerB = fixtures.manager(bodyB);
		senderB = fixtures.sender(managerB);
	}

	private Map<String, Object> accountRow(long id) {
		return jdbc
			.sql("SELECT state, display_name, email, body_id, role, password_hash, session_epoch, "
					+ "totp_enabled FROM staff_account WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	private Map<String, Object> bodyRow(long id) {
		return jdbc.sql("SELECT name, kind, state, state_reason FROM body WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
	}

	@Test
	void managerOfOneBodyGets404ForEveryActionOnAnotherBodysStaff() {
		for (TestStaff other : List.of(senderB, managerB)) {
			Map<String, Object> before = accountRow(other.id());
			assertThat(mvc.get().uri("/staff/" + other.id()).with(managerA.signedIn()).exchange()).hasStatus(404);
			assertThat(mvc.get().uri("/staff/" + other.id() + "/edit").with(managerA.signedIn()).exchange())
				.hasStatus(404);
			assertThat(mvc.get().uri("/staff/" + other.id() + "/retire").with(managerA.signedIn()).exchange())
				.hasStatus(404);
			assertThat(mvc.get()
				.uri("/staff/review/retire")
				.param("ids", String.valueOf(other.id()))
				.with(managerA.signedIn())
				.exchange()).hasStatus(404);
			assertThat(mvc.post()
				.uri("/staff/" + other.id() + "/edit")
				.with(managerA.signedIn())
				.with(csrf())
				.param("displayName", "書き換え")
				.exchange()).hasStatus(404);
			for (String action : List.of("retire", "unlock", "reset-password")) {
				assertThat(mvc.post()
					.uri("/staff/" + other.id() + "/" + action)
					.with(managerA.signedIn())
					.with(csrf())
					.exchange()).as(action).hasStatus(404);
			}
			assertThat(accountRow(other.id())).isEqualTo(before);
		}
		assertThat(mvc.post()
			.uri("/staff/" + senderB.id() + "/reset-totp")
			.with(managerA.signedIn())
			.with(csrf())
			.exchange()).hasStatus(403);
		assertThat(mvc.get().uri("/staff/" + senderA.id() + "/transfer").with(managerA.signedIn()).exchange())
			.hasStatus(403);
		assertThat(mvc.post()
			.uri("/staff/" + senderB.id() + "/transfer")
			.with(managerA.signedIn())
			.with(csrf())
			.param("bodyId", String.valueOf(bodyA))
			.param("role", "SENDER")
			.exchange()).hasStatus(403);
		assertThat(accountRow(senderB.id())).containsEntry("role", "SENDER");
	}

	@Test
	void managerCannotManageOtherManagersOfTheirOwnBody() {
		TestStaff otherManagerA = fixtures.manager(bodyA);
		Map<String, Object> before = accountRow(otherManagerA.id());
		assertThat(mvc.post()
			.uri("/staff/" + otherManagerA.id() + "/retire")
			.with(managerA.signedIn())
			.with(csrf())
			.exchange()).hasStatus(404);
		assertThat(accountRow(otherManagerA.id())).isEqualTo(before);
	}

	@Test
	void managerManagesTheirOwnSenders() {
		assertThat(mvc.get().uri("/staff/" + senderA.id()).with(managerA.signedIn()).exchange()).hasStatusOk();
		assertThat(
				mvc.post().uri("/staff/" + senderA.id() + "/retire").with(managerA.signedIn()).with(csrf()).exchange())
			.hasRedirectedUrl("/staff/" + senderA.id());
		assertThat(accountRow(senderA.id())).containsEntry("state", "RETIRED");
	}

	@Test
	void staffListShowsOnlyTheOwnBody() {
		var page = mvc.get().uri("/staff?body=" + bodyB + "&bodyId=" + bodyB).with(managerA.signedIn()).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains(senderA.loginId())
			.doesNotContain(senderB.loginId())
			.doesNotContain(managerB.loginId());
	}

	@Test
	void systemAdministratorCanNarrowTheStaffListToOneBody() {
		TestStaff admin = fixtures.systemAdmin();
		var page = mvc.get().uri("/staff?body=" + bodyB).with(admin.signedIn()).exchange();
		assertThat(page).hasStatusOk().bodyText().contains(senderB.loginId()).doesNotContain(senderA.loginId());
	}

	@Test
	void newSenderAlwaysJoinsTheManagersOwnBody() {
		String loginId = StaffFixtures.unique("intruder");
		var result = mvc.post()
			.uri("/staff/new-sender")
			.with(managerA.signedIn())
			.with(csrf())
			.param("loginId", loginId)
			.param("displayName", "侵入 試験")
			.param("bodyId", String.valueOf(bodyB))
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains("初期パスワードを発行しました");
		assertThat(jdbc.sql("SELECT body_id FROM staff_account WHERE login_id = :l")
			.param("l", loginId)
			.query(Long.class)
			.single()).isEqualTo(bodyA);
	}

	@Test
	void managerGets403OnEverySystemAdministratorPageAndNothingChanges() {
		Map<String, Object> bodyBefore = bodyRow(bodyB);
		long accountsBefore = jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
		boolean settingBefore = jdbc.sql("SELECT require_totp_for_admins FROM sign_in_setting")
			.query(Boolean.class)
			.single();
		for (String uri : List.of("/admin/bodies", "/admin/bodies/new", "/admin/bodies/" + bodyB,
				"/admin/bodies/" + bodyB + "/edit", "/admin/bodies/" + bodyB + "/managers/new",
				"/admin/administrators/new", "/admin/settings", "/admin/outbox")) {
			assertThat(mvc.get().uri(uri).with(managerA.signedIn()).exchange()).as(uri).hasStatus(403);
		}
		Map<String, String> posts = Map.of("/admin/bodies/new", "name=乗っ取り&kind=OTHER",
				"/admin/bodies/" + bodyB + "/edit", "name=乗っ取り&kind=OTHER", "/admin/bodies/" + bodyB + "/suspend",
				"reason=x", "/admin/bodies/" + bodyB + "/reactivate", "reason=x",
				"/admin/bodies/" + bodyB + "/managers/new", "loginId=intruder-om&displayName=x",
				"/admin/administrators/new", "loginId=intruder-sa&displayName=x", "/admin/settings", "requireTotp=true",
				"/admin/outbox/clear", "");
		posts.forEach((uri,
				form) -> assertThat(mvc.post()
					.uri(uri)
					.with(managerA.signedIn())
					.with(csrf())
					.contentType("application/x-www-form-urlencoded")
					.content(form)
					.exchange()).as(uri).hasStatus(403));

		assertThat(bodyRow(bodyB)).isEqualTo(bodyBefore);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single()).isEqualTo(accountsBefore);
		assertThat(jdbc.sql("SELECT require_totp_for_admins FROM sign_in_setting").query(Boolean.class).single())
			.isEqualTo(settingBefore);
	}

	@Test
	void senderGets403OnEveryManagementPage() {
		Map<String, Object> before = accountRow(senderA.id());
		for (String uri : List.of("/staff", "/staff/" + senderA.id(), "/staff/new-sender", "/audit", "/admin/bodies")) {
			assertThat(mvc.get().uri(uri).with(senderA.signedIn()).exchange()).as(uri).hasStatus(403);
		}
		for (String uri : List.of("/staff/" + senderB.id() + "/retire", "/staff/" + senderA.id() + "/reset-password",
				"/staff/new-sender", "/audit/verify")) {
			assertThat(mvc.post()
				.uri(uri)
				.with(senderA.signedIn())
				.with(csrf())
				.param("loginId", "x-y-z")
				.param("displayName", "x")
				.exchange()).as(uri).hasStatus(403);
		}
		assertThat(accountRow(senderA.id())).isEqualTo(before);
		assertThat(accountRow(senderB.id())).containsEntry("state", "ACTIVE");
	}

	@Test
	void ownAccountPagesActOnlyOnTheSignedInAccount() {
		Map<String, Object> otherBefore = accountRow(senderB.id());
		assertThat(mvc.post()
			.uri("/account/leak")
			.with(senderA.signedIn())
			.with(csrf())
			.param("accountId", String.valueOf(senderB.id()))
			.exchange()).hasRedirectedUrl("/login?leak");
		assertThat(accountRow(senderA.id())).containsEntry("state", "LEAK_LOCKED");
		assertThat(accountRow(senderB.id())).isEqualTo(otherBefore);
	}

	@Test
	void unauthenticatedRequestsGoToSignIn() {
		for (String uri : List.of("/", "/staff", "/audit", "/admin/bodies", "/account/password")) {
			assertThat(mvc.get().uri(uri).exchange()).as(uri)
				.hasStatus3xxRedirection()
				.redirectedUrl()
				.endsWith("/login");
		}
	}

}
