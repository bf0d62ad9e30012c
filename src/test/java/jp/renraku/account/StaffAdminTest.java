package jp.renraku.account;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@RenrakuIntegrationTest
class StaffAdminTest {

	private static final Pattern ISSUED = Pattern.compile("id=\"issued-password\" class=\"secret\">([^<]+)<");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private static String issuedPassword(MvcTestResult result) throws Exception {
		var m = ISSUED.matcher(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(m.find()).as("issued password on the page").isTrue();
		return m.group(1);
	}

	@Test
	void systemAdministratorDesignatesAnOperationsManagerWhoSignsInWithTheOneTimePassword() throws Exception {
		TestStaff admin = fixtures.systemAdmin();
		long body = fixtures.body();
		String loginId = StaffFixtures.unique("kyoiku.om");
		var result = mvc.post()
			.uri("/admin/bodies/" + body + "/managers/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("loginId", loginId)
			.param("displayName", "髙橋 﨑子")
			.param("email", "om@city.example.jp")
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains(loginId);
		String password = issuedPassword(result);

		var row = jdbc
			.sql("SELECT role, body_id, password_temporary, password_hash FROM staff_account WHERE login_id = :l")
			.param("l", loginId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("role", "OPERATIONS_MANAGER").containsEntry("password_temporary", true);
		assertThat(((Number) row.get("body_id")).longValue()).isEqualTo(body);
		assertThat((String) row.get("password_hash")).startsWith("{argon2}").doesNotContain(password);

		assertThat(
				mvc.post().uri("/login").param("username", loginId).param("password", password).with(csrf()).exchange())
			.hasRedirectedUrl("/");
	}

	@Test
	void loginIdsAreNeverReusedEvenAfterRetirement() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		mvc.post().uri("/staff/" + sender.id() + "/retire").with(manager.signedIn()).with(csrf()).exchange();

		long before = jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
		var again = mvc.post()
			.uri("/staff/new-sender")
			.with(manager.signedIn())
			.with(csrf())
			.param("loginId", sender.loginId().toUpperCase())
			.param("displayName", "別の人")
			.exchange();
		assertThat(again).hasStatusOk().bodyText().contains("このIDは使えません");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single()).isEqualTo(before);
	}

	private String appoint(TestStaff manager, String loginId) throws java.io.UnsupportedEncodingException {
		var result = mvc.post()
			.uri("/staff/new-sender")
			.with(manager.signedIn())
			.with(csrf())
			.param("loginId", loginId)
			.param("displayName", "別の人")
			.exchange();
		assertThat(result).hasStatusOk();
		String page = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		// the answer names no body and no ID owner: the field error alone differs
		return page.replaceAll("(?s).*<main", "<main").replaceAll("name=\"_csrf\"[^>]*>", "").replace(loginId, "ID");
	}

	@Test
	void appointingStaffDoesNotTellAnOperationsManagerWhichIdsOtherBodiesUse() throws Exception {
		TestStaff managerA = fixtures.manager(fixtures.body());
		TestStaff senderA = fixtures.sender(managerA);
		TestStaff managerB = fixtures.manager(fixtures.body());
		TestStaff senderB = fixtures.sender(managerB);
		long before = jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();

		String ownBody = appoint(managerA, senderA.loginId());
		String otherBody = appoint(managerA, senderB.loginId());
		assertThat(ownBody).contains("このIDは使えません").isEqualTo(otherBody);
		assertThat(otherBody).doesNotContain("すでに使われています");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single()).isEqualTo(before);
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'STAFF_ID_REFUSED' AND target = :t")
			.param("t", "account:" + senderB.loginId())
			.query(String.class)
			.list()).containsExactly("taken-elsewhere");

		// trying IDs one after another is cut off, for free IDs too
		for (int i = 0; i < LoginIdChecks.REFUSALS_PER_HOUR; i++) {
			appoint(managerA, senderB.loginId());
		}
		assertThat(appoint(managerA, StaffFixtures.unique("free"))).contains("しばらく新しいIDを受け付けません");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single()).isEqualTo(before);
		// another manager is not held up by it
		assertThat(mvc.post()
			.uri("/staff/new-sender")
			.with(managerB.signedIn())
			.with(csrf())
			.param("loginId", StaffFixtures.unique("free"))
			.param("displayName", "新しい人")
			.exchange()).hasStatusOk().bodyText().contains("初期パスワード");
	}

	@Test
	void invalidAccountFormShowsFieldErrors() {
		TestStaff manager = fixtures.manager(fixtures.body());
		var result = mvc.post()
			.uri("/staff/new-sender")
			.with(manager.signedIn())
			.with(csrf())
			.param("loginId", "a b")
			.param("displayName", "")
			.param("email", "not-an-address")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("IDは半角の英小文字・数字と")
			.contains("入力してください。")
			.contains("メールアドレスの形式が正しくありません。");
	}

	@Test
	void administratorCannotRetireThemselvesAndRetiredCannotBeReset() {
		TestStaff admin = fixtures.systemAdmin();
		assertThat(mvc.post().uri("/staff/" + admin.id() + "/retire").with(admin.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "account.error.retireSelf");
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		mvc.post().uri("/staff/" + sender.id() + "/retire").with(admin.signedIn()).with(csrf()).exchange();
		String hash = jdbc.sql("SELECT password_hash FROM staff_account WHERE id = :id")
			.param("id", sender.id())
			.query(String.class)
			.single();
		assertThat(mvc.post()
			.uri("/staff/" + sender.id() + "/reset-password")
			.with(admin.signedIn())
			.with(csrf())
			.exchange()).flash().containsEntry("flashError", "account.error.alreadyRetired");
		assertThat(jdbc.sql("SELECT password_hash FROM staff_account WHERE id = :id")
			.param("id", sender.id())
			.query(String.class)
			.single()).isEqualTo(hash);
	}

	@Test
	void unlockEndsALockoutBeforeItRunsOut() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		for (int i = 0; i < 5; i++) {
			mvc.post()
				.uri("/login")
				.param("username", sender.loginId())
				.param("password", "wrong-" + i)
				.with(csrf())
				.exchange();
		}
		assertThat(mvc.get().uri("/staff/" + sender.id()).with(manager.signedIn()).exchange()).bodyText()
			.contains("ロックを解除する");
		mvc.post().uri("/staff/" + sender.id() + "/unlock").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(mvc.post()
			.uri("/login")
			.param("username", sender.loginId())
			.param("password", sender.password())
			.with(csrf())
			.exchange()).hasRedirectedUrl("/");
	}

	@Autowired
	AccountManagement accounts;

	@Test
	void consoleResetGivesALockedOutAdministratorANewOneTimePassword() {
		TestStaff admin = fixtures.systemAdmin();
		for (int i = 0; i < 5; i++) {
			mvc.post()
				.uri("/login")
				.param("username", admin.loginId())
				.param("password", "wrong-" + i)
				.with(csrf())
				.exchange();
		}
		IssuedPassword issued = accounts.resetSystemAdminFromConsole(admin.loginId());
		assertThat(mvc.post()
			.uri("/login")
			.param("username", admin.loginId())
			.param("password", issued.password())
			.with(csrf())
			.exchange()).hasRedirectedUrl("/");
		TestStaff manager = fixtures.manager(fixtures.body());
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> accounts.resetSystemAdminFromConsole(manager.loginId()))
			.isInstanceOf(AccountException.class);
	}

	@Test
	void managerEditsTheirSendersDetailsAndEveryoneTheirOwn() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		assertThat(mvc.post()
			.uri("/staff/" + sender.id() + "/edit")
			.with(manager.signedIn())
			.with(csrf())
			.param("displayName", "渡邊 﨑")
			.param("email", "se@city.example.jp")
			.exchange()).hasRedirectedUrl("/staff/" + sender.id());
		assertThat(mvc.post()
			.uri("/account/profile")
			.with(manager.signedIn())
			.with(csrf())
			.param("displayName", "")
			.param("email", "x")
			.exchange()).hasStatusOk().bodyText().contains("入力してください。");
		assertThat(mvc.post()
			.uri("/account/profile")
			.with(manager.signedIn())
			.with(csrf())
			.param("displayName", "運用 花子")
			.param("email", "om@city.example.jp")
			.exchange()).hasRedirectedUrl("/");
		assertThat(jdbc.sql("SELECT display_name, email FROM staff_account WHERE id IN (:a, :b) ORDER BY id")
			.param("a", manager.id())
			.param("b", sender.id())
			.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
			.list()).containsExactly("運用 花子/om@city.example.jp", "渡邊 﨑/se@city.example.jp");
	}

	@Test
	void systemAdministratorTransfersAStaffMemberToAnotherBody() {
		TestStaff admin = fixtures.systemAdmin();
		long from = fixtures.body();
		long to = fixtures.body();
		TestStaff manager = fixtures.manager(from);
		TestStaff sender = fixtures.sender(manager);
		assertThat(mvc.post()
			.uri("/staff/" + sender.id() + "/transfer")
			.with(admin.signedIn())
			.with(csrf())
			.param("bodyId", String.valueOf(to))
			.param("role", "OPERATIONS_MANAGER")
			.exchange()).hasRedirectedUrl("/staff/" + sender.id());
		var row = jdbc.sql("SELECT body_id, role FROM staff_account WHERE id = :id")
			.param("id", sender.id())
			.query()
			.singleRow();
		assertThat(((Number) row.get("body_id")).longValue()).isEqualTo(to);
		assertThat(row).containsEntry("role", "OPERATIONS_MANAGER");
		// the former manager no longer reaches the transferred person
		assertThat(mvc.get().uri("/staff/" + sender.id()).with(manager.signedIn()).exchange()).hasStatus(404);
		assertThat(mvc.post()
			.uri("/staff/" + admin.id() + "/transfer")
			.with(admin.signedIn())
			.with(csrf())
			.param("bodyId", String.valueOf(to))
			.param("role", "SENDER")
			.exchange()).flash().containsEntry("flashError", "account.error.transferAdministrator");
	}

}
