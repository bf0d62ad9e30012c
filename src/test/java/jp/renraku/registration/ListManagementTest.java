package jp.renraku.registration;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.CityTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The operations manager writes a list's usage rules through the real form.
 */
@RenrakuIntegrationTest
class ListManagementTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	RegistrationManagement registration;

	@Autowired
	CityTime cityTime;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	@BeforeEach
	void aManager() {
		manager = staff.manager(staff.body());
	}

	private static MultiValueMap<String, String> validForm(String name) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("name", name);
		form.add("purpose", "学校からの緊急連絡のため");
		form.add("periodStart", LocalDate.now().toString());
		form.add("periodEnd", LocalDate.now().plusYears(1).toString());
		form.add("urlManagement", "学校が保護者に文書で配布");
		form.add("eligibility", "在校生の保護者");
		form.add("verification", "APPROVAL");
		form.add("verificationNote", "学校で名簿と照合します");
		form.add("deletionCriteria", "卒業・転校したとき\n利用規程に反したとき");
		form.add("disclaimer", "配信の遅延について責任を負いません");
		form.add("collectName", "true");
		form.add("collectAffiliation", "true");
		form.add("affiliationLabel", "学年・組");
		form.add("affiliationOptions", "1年1組\n1年2組\n2年1組");
		form.add("categories", "休校\n行事\n不審者情報");
		form.add("retentionDays", "30");
		form.add("customFields[0].label", "兄弟姉妹の在籍");
		form.add("customFields[0].kind", "MULTIPLE_CHOICE");
		form.add("customFields[0].options", "小学校\n中学校");
		return form;
	}

	private MvcTestResult post(String uri, MultiValueMap<String, String> form) {
		return mvc.post().uri(uri).with(manager.signedIn()).with(csrf()).params(form).exchange();
	}

	@Test
	void managerCreatesAListWithItsSevenItemsAndSeesUrlAndPassword() {
		assertThat(mvc.get().uri("/lists/new").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("利用規程の7項目")
			.contains("免責事項");
		String name = StaffFixtures.unique("○○小学校 保護者連絡");
		var created = post("/lists/new", validForm(name));
		assertThat(created).hasStatus3xxRedirection();
		long id = jdbc.sql("SELECT id FROM registration_list WHERE name = :n")
			.param("n", name)
			.query(Long.class)
			.single();
		assertThat(mvc.get().uri("/lists/" + id + "/edit").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("兄弟姉妹の在籍");
		var page = mvc.get().uri("/lists/" + id).with(manager.signedIn()).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains(name)
			.contains("/r/")
			.contains("学校で名簿と照合します")
			.contains("卒業・転校したとき")
			.contains("休校");
		String token = jdbc.sql("SELECT public_token FROM registration_list WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(token).hasSizeGreaterThanOrEqualTo(32);
		assertThat(jdbc.sql("SELECT registration_password FROM registration_list WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'LIST_CREATED' AND target = :t")
			.param("t", "list:" + id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void missingRulesAndInconsistentSettingsAreFieldErrors() {
		MultiValueMap<String, String> form = validForm(StaffFixtures.unique("不完全"));
		form.set("disclaimer", "");
		form.set("periodEnd", LocalDate.now().minusDays(1).toString());
		form.set("affiliationOptions", "");
		form.set("customFields[0].options", "小学校");
		long before = jdbc.sql("SELECT COUNT(*) FROM registration_list").query(Long.class).single();
		assertThat(post("/lists/new", form)).hasStatusOk()
			.bodyText()
			.contains("入力してください。")
			.contains("終了日は開始日より後にしてください。")
			.contains("選択肢を1つ以上書いてください")
			.contains("選択肢を2つ以上書いてください");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registration_list").query(Long.class).single()).isEqualTo(before);
	}

	/**
	 * The form is about 5,400 px long on a phone: what is wrong is summed up first, each
	 * item a link to its field, and the focus starts there (no script).
	 */
	@Test
	void errorsAreSummedUpAtTheTopWithALinkToEachField() throws Exception {
		MultiValueMap<String, String> form = validForm(StaffFixtures.unique("要約"));
		form.set("name", "");
		form.set("disclaimer", "");
		form.set("periodEnd", LocalDate.now().minusDays(1).toString());
		form.set("customFields[0].options", "小学校");
		String page = post("/lists/new", form).getResponse().getContentAsString(StandardCharsets.UTF_8);
		int summary = page.indexOf("class=\"error-summary\"");
		assertThat(summary).as("summary").isPositive().isLessThan(page.indexOf("id=\"name\""));
		String box = page.substring(summary, page.indexOf("</div>", summary));
		assertThat(box).contains("role=\"alert\"")
			.contains("tabindex=\"-1\"")
			.contains("autofocus")
			.contains("入力を確かめてください（4か所）")
			.contains("<a href=\"#name\">配信リストの名称：入力してください。</a>")
			.contains("<a href=\"#disclaimer\">")
			.contains("<a href=\"#periodEnd\">")
			.contains("<a href=\"#customFields0.options\">");
		// each link leads to a field that is on the page
		assertThat(page).contains("id=\"disclaimer\"")
			.contains("id=\"periodEnd\"")
			.contains("id=\"customFields0.options\"");
	}

	@Test
	void aFormWithoutErrorsHasNoSummary() throws Exception {
		String page = mvc.get()
			.uri("/lists/new")
			.with(manager.signedIn())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).doesNotContain("error-summary");
	}

	@Test
	void editingCategoriesKeepsRegistrantsChoicesOfTheOnesThatStay() {
		RegistrationList list = fixtures.list(manager);
		long registrant = fixtures.registrant(list, StaffFixtures.unique("c") + "@example.jp", "分類 試験", "1年1組");
		long kept = list.categories().get(0).id();
		long dropped = list.categories().get(2).id();
		jdbc.sql("INSERT INTO registrant_category (registrant_id, category_id) VALUES (:r, :a), (:r, :b)")
			.param("r", registrant)
			.param("a", kept)
			.param("b", dropped)
			.update();

		MultiValueMap<String, String> form = validForm(list.name());
		form.set("verification", "NONE");
		form.set("categories", "気象警報\nイベント");
		assertThat(post("/lists/" + list.id() + "/edit", form)).hasRedirectedUrl("/lists/" + list.id());
		assertThat(jdbc.sql("SELECT category_id FROM registrant_category WHERE registrant_id = :r")
			.param("r", registrant)
			.query(Long.class)
			.list()).containsExactly(kept);
		assertThat(jdbc.sql("SELECT name FROM list_category WHERE list_id = :l ORDER BY position")
			.param("l", list.id())
			.query(String.class)
			.list()).containsExactly("気象警報", "イベント");
	}

	@Test
	void managerMarksCategoriesMandatoryAndFormsShowThemTickedAndFixed() {
		String name = StaffFixtures.unique("必須の分類");
		MultiValueMap<String, String> form = validForm(name);
		form.set("verification", "NONE");
		form.add("mandatoryCategories", "災害・緊急");
		assertThat(post("/lists/new", form)).hasStatus3xxRedirection();
		long id = jdbc.sql("SELECT id FROM registration_list WHERE name = :n")
			.param("n", name)
			.query(Long.class)
			.single();
		assertThat(jdbc.sql("SELECT name, mandatory FROM list_category WHERE list_id = :l ORDER BY position")
			.param("l", id)
			.query((rs, n) -> rs.getString("name") + ":" + rs.getBoolean("mandatory"))
			.list()).containsExactly("災害・緊急:true", "休校:false", "行事:false", "不審者情報:false");
		assertThat(mvc.get().uri("/lists/" + id + "/edit").with(manager.signedIn()).exchange()).bodyText()
			.containsPattern("<textarea[^>]*name=\"mandatoryCategories\"[^>]*>\\s*災害・緊急</textarea>")
			.contains("全員に届く分類");
		assertThat(mvc.get().uri("/lists/" + id).with(manager.signedIn()).exchange()).bodyText()
			.contains("分類を一つも選んでいない人には、すべての分類のお知らせが届きます。");
		RegistrationList list = registration.list(manager.staff(), id);
		long registrant = fixtures.registrant(list, StaffFixtures.unique("m") + "@example.jp", "必須 試験", "1年1組");
		long disaster = list.categories().get(0).id();
		assertThat(mvc.get().uri("/registrants/" + registrant).with(manager.signedIn()).exchange()).bodyText()
			.containsPattern("value=\"" + disaster + "\"(?=[^>]*disabled=\"disabled\")(?=[^>]*checked=\"checked\")")
			.contains("全員に届きます")
			.contains("一つも選ばなければ、すべての分類のお知らせが届きます。");
		// unmarking keeps the category and changes nobody's own choices
		form.set("mandatoryCategories", "");
		form.set("categories", "災害・緊急\n休校\n行事\n不審者情報");
		assertThat(post("/lists/" + id + "/edit", form)).hasRedirectedUrl("/lists/" + id);
		assertThat(jdbc.sql("SELECT mandatory FROM list_category WHERE id = :c")
			.param("c", disaster)
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant_category WHERE registrant_id = :r")
			.param("r", registrant)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void printableGuideShowsUrlPasswordAndQrCode() {
		RegistrationList list = fixtures.list(manager);
		assertThat(mvc.get().uri("/lists/" + list.id() + "/guide").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains(list.registrationPassword())
			.contains("/r/" + registration.shortCode(manager.staff(), list.id()))
			.contains("data:image/png;base64,")
			.contains("配信を止めるには")
			.as("the operating period in Japanese dates, as on the other pages")
			.contains(cityTime.day(list.periodStart(), Locale.JAPANESE))
			.doesNotContain(list.periodStart().toString());
	}

	@Test
	void closingAndReopeningAreAudited() {
		RegistrationList list = fixtures.list(manager);
		post("/lists/" + list.id() + "/close", new LinkedMultiValueMap<>());
		post("/lists/" + list.id() + "/open", new LinkedMultiValueMap<>());
		assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE target = :t ORDER BY seq")
			.param("t", "list:" + list.id())
			.query(String.class)
			.list()).containsExactly("LIST_CREATED", "LIST_CLOSED", "LIST_OPENED");
	}

	@Test
	void registrantSearchFiltersByTextCategoryAffiliationAndState() {
		RegistrationList list = fixtures.list(manager);
		String a = StaffFixtures.unique("alpha") + "@example.jp";
		String b = StaffFixtures.unique("beta") + "@example.jp";
		long idA = fixtures.registrant(list, a, "青木 一郎", "1年1組");
		fixtures.registrant(list, b, "馬場 二郎", "1年2組");
		long category = list.categories().get(1).id();
		jdbc.sql("INSERT INTO registrant_category (registrant_id, category_id) VALUES (:r, :c)")
			.param("r", idA)
			.param("c", category)
			.update();
		String base = "/lists/" + list.id() + "/registrants";
		assertThat(mvc.get().uri(base + "?q=青木").with(manager.signedIn()).exchange()).bodyText()
			.contains(a)
			.doesNotContain(b);
		assertThat(mvc.get().uri(base + "?affiliation=1年2組").with(manager.signedIn()).exchange()).bodyText()
			.contains(b)
			.doesNotContain(a);
		assertThat(mvc.get().uri(base + "?category=" + category).with(manager.signedIn()).exchange()).bodyText()
			.contains(a)
			.doesNotContain(b);
		assertThat(mvc.get().uri(base + "?state=PENDING").with(manager.signedIn()).exchange()).bodyText()
			.doesNotContain(a)
			.doesNotContain(b);
		assertThat(mvc.get().uri(base + "?q=%25").with(manager.signedIn()).exchange()).bodyText().doesNotContain(a);
	}

	@Test
	void managerEditsARegistrantWithFieldErrorsForBadInput() {
		RegistrationList list = fixtures.list(manager);
		long id = fixtures.registrant(list, StaffFixtures.unique("ed") + "@example.jp", "編集 前", "1年1組");
		assertThat(mvc.get().uri("/registrants/" + id).with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("登録者の確認・変更")
			.contains("編集 前");
		// the list's deletion criteria are the reasons asked on the deletion's own page
		assertThat(mvc.get().uri("/registrants/" + id + "/delete").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("利用規程に反する使い方");
		assertThat(mvc.post()
			.uri("/registrants/" + id)
			.with(manager.signedIn())
			.with(csrf())
			.param("name", "")
			.param("furigana", "へんしゅう")
			.param("affiliation", "1年1組")
			.exchange()).hasStatusOk().bodyText().contains("入力してください。");
		assertThat(mvc.post()
			.uri("/registrants/" + id)
			.with(manager.signedIn())
			.with(csrf())
			.param("name", "編集 後")
			.param("furigana", "へんしゅう")
			.param("affiliation", "1年2組")
			.exchange()).hasRedirectedUrl("/registrants/" + id);
		assertThat(
				jdbc.sql("SELECT name, affiliation FROM registrant WHERE id = :id").param("id", id).query().singleRow())
			.containsEntry("name", "編集 後")
			.containsEntry("affiliation", "1年2組");
	}

}
