package jp.renraku.organization;

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

@RenrakuIntegrationTest
class BodyAdminTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	TestStaff admin;

	@BeforeEach
	void signIn() {
		admin = fixtures.systemAdmin();
	}

	private long bodyCount() {
		return jdbc.sql("SELECT COUNT(*) FROM body").query(Long.class).single();
	}

	@Test
	void createsABodyAndRecordsIt() {
		String name = StaffFixtures.unique("髙﨑市教育委員会①");
		var result = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", name)
			.param("kind", "BOARD_OF_EDUCATION")
			.exchange();
		assertThat(result).hasStatus3xxRedirection();
		long id = jdbc.sql("SELECT id FROM body WHERE name = :n").param("n", name).query(Long.class).single();
		assertThat(mvc.get().uri("/admin/bodies/" + id).with(admin.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains(name)
			.contains("教育委員会")
			.contains("利用中");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'BODY_CREATED' AND body_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void invalidInputGetsFieldErrorsInJapaneseAndStoresNothing() {
		long before = bodyCount();
		var blank = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", "  ")
			.exchange();
		assertThat(blank).hasStatusOk().bodyText().contains("入力してください。").contains("field__error");

		var control = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", "改行\nあり")
			.param("kind", "OTHER")
			.exchange();
		assertThat(control).hasStatusOk().bodyText().contains("改行や制御文字は使えません。");

		var tooLong = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", "あ".repeat(101))
			.param("kind", "OTHER")
			.exchange();
		assertThat(tooLong).hasStatusOk().bodyText().contains("100文字以内で入力してください。");

		var badKind = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", "正しい名前")
			.param("kind", "PRESIDENT")
			.exchange();
		assertThat(badKind).hasStatusOk().bodyText().contains("field__error");
		assertThat(bodyCount()).isEqualTo(before);
	}

	@Test
	void duplicateNameIsAFieldError() {
		long existing = fixtures.body();
		String name = jdbc.sql("SELECT name FROM body WHERE id = :id")
			.param("id", existing)
			.query(String.class)
			.single();
		long before = bodyCount();
		var result = mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", name)
			.param("kind", "OTHER")
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains("この名称の実施機関はすでに登録されています。");
		assertThat(bodyCount()).isEqualTo(before);
	}

	@Test
	void nameIsEscapedWhereverItIsShown() {
		String name = StaffFixtures.unique("<script>alert(1)</script>");
		mvc.post()
			.uri("/admin/bodies/new")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", name)
			.param("kind", "OTHER")
			.exchange();
		assertThat(mvc.get().uri("/admin/bodies").with(admin.signedIn()).exchange()).bodyText()
			.doesNotContain("<script>alert(1)")
			.contains("&lt;script&gt;alert(1)");
	}

	@Test
	void suspendNeedsAReasonAndReactivateRestores() {
		long id = fixtures.body();
		var noReason = mvc.post()
			.uri("/admin/bodies/" + id + "/suspend")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "")
			.exchange();
		assertThat(noReason).hasStatusOk().bodyText().contains("入力してください。");
		assertThat(state(id)).containsEntry("state", "ACTIVE");

		mvc.post()
			.uri("/admin/bodies/" + id + "/suspend")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "利用規程に反する送信")
			.exchange();
		assertThat(state(id)).containsEntry("state", "SUSPENDED").containsEntry("state_reason", "利用規程に反する送信");

		var again = mvc.post()
			.uri("/admin/bodies/" + id + "/suspend")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "二度目")
			.exchange();
		assertThat(again).hasStatus3xxRedirection().flash().containsEntry("flashError", "body.error.notActive");

		mvc.post()
			.uri("/admin/bodies/" + id + "/reactivate")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "改善を確認")
			.param("heldMail", "send")
			.exchange();
		assertThat(state(id)).containsEntry("state", "ACTIVE");
		assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE body_id = :id ORDER BY seq")
			.param("id", id)
			.query(String.class)
			.list()).containsSubsequence("BODY_CREATED", "BODY_SUSPENDED", "BODY_REACTIVATED");
	}

	@Test
	void editChangesNameAndKind() {
		long id = fixtures.body();
		String name = StaffFixtures.unique("議会");
		assertThat(mvc.post()
			.uri("/admin/bodies/" + id + "/edit")
			.with(admin.signedIn())
			.with(csrf())
			.param("name", name)
			.param("kind", "CITY_COUNCIL")
			.exchange()).hasRedirectedUrl("/admin/bodies/" + id);
		assertThat(jdbc.sql("SELECT name, kind FROM body WHERE id = :id").param("id", id).query().singleRow())
			.containsEntry("name", name)
			.containsEntry("kind", "CITY_COUNCIL");
	}

	@Test
	void unknownBodyIs404() {
		assertThat(mvc.get().uri("/admin/bodies/987654321").with(admin.signedIn()).exchange()).hasStatus(404);
		assertThat(mvc.post()
			.uri("/admin/bodies/987654321/suspend")
			.with(admin.signedIn())
			.with(csrf())
			.param("reason", "x")
			.exchange()).hasStatus(404);
	}

	private Map<String, Object> state(long id) {
		return jdbc.sql("SELECT state, state_reason FROM body WHERE id = :id").param("id", id).query().singleRow();
	}

}
