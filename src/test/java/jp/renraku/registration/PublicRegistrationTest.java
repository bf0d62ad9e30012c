package jp.renraku.registration;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.renraku.BrowserSession;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A resident registers through the real pages, with the link read from the mail catcher.
 */
@RenrakuIntegrationTest
class PublicRegistrationTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailCatcher catcher;

	TestStaff manager;

	RegistrationList list;

	@BeforeEach
	void aList() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		fixtures.resetAttempts();
	}

	private MvcTestResult askToRegister(RegistrationList target, String password, String email) {
		return mvc.post()
			.uri("/r/" + target.publicToken())
			.with(csrf())
			.param("password", password)
			.param("agree", "yes")
			.param("email", email)
			.exchange();
	}

	private String confirmationLink(String email) {
		return RegistrationFixtures.link(fixtures.mailTo(email), "/r/");
	}

	private long registrants(String email) {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l AND email = :e")
			.param("l", list.id())
			.param("e", email)
			.query(Long.class)
			.single();
	}

	@Test
	void residentReadsTheRulesConfirmsTheAddressAndRegisters() {
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).hasStatusOk()
			.bodyText()
			.contains(list.name())
			.contains("防災情報をお知らせするため")
			.contains("市内在住・在勤の方")
			.contains("通信事情による遅延について責任を負いません")
			.contains("利用規程に反する使い方");

		String email = StaffFixtures.unique("taro") + "@example.jp";
		assertThat(askToRegister(list, list.registrationPassword().toLowerCase().replace("-", " "), email))
			.hasStatusOk()
			.bodyText()
			.contains("確認メールを送りました");
		assertThat(registrants(email)).isZero();

		String link = confirmationLink(email);
		var form = mvc.get().uri(link).exchange();
		assertThat(form).hasStatusOk()
			.bodyText()
			.contains("氏名")
			.contains("ふりがな")
			.contains("1年2組")
			.contains("避難情報")
			.contains("連絡してほしい時間帯")
			.doesNotContain("電話番号")
			.doesNotContain("郵便番号");

		String token = link.substring(link.indexOf("t=") + 2);
		var done = mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", token)
			.param("name", "髙橋 﨑子①")
			.param("furigana", "たかはし さきこ")
			.param("affiliation", "1年2組")
			.param("category", String.valueOf(list.categories().get(1).id()))
			.param("answer-" + list.customFields().get(0).id(), "夜")
			.exchange();
		assertThat(done).hasStatusOk().bodyText().contains("登録が完了しました");

		var row = jdbc.sql("SELECT * FROM registrant WHERE list_id = :l AND email = :e")
			.param("l", list.id())
			.param("e", email)
			.query()
			.singleRow();
		assertThat(row).containsEntry("state", "ACTIVE")
			.containsEntry("name", "髙橋 﨑子①")
			.containsEntry("affiliation", "1年2組")
			.containsEntry("phone", null);

		MailCatcher.CaughtMail welcome = fixtures.mailTo(email);
		assertThat(welcome.subject()).contains("登録しました");
		assertThat(welcome.rawHeaders()).contains("List-Unsubscribe: <http")
			.contains("/unsubscribe>")
			.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
		assertThat(RegistrationFixtures.link(welcome, "/m/")).startsWith("/m/");

		// the link is single use
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", token)
			.param("name", "二回目")
			.param("furigana", "にかいめ")
			.param("affiliation", "1年1組")
			.exchange()).bodyText().contains("このリンクは使えません");
		assertThat(registrants(email)).isEqualTo(1);
	}

	@Test
	void missingAndInvalidItemsAreFieldErrorsAndNothingIsStored() {
		String email = StaffFixtures.unique("hanako") + "@example.jp";
		askToRegister(list, list.registrationPassword(), email);
		String link = confirmationLink(email);
		String token = link.substring(link.indexOf("t=") + 2);
		var result = mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", token)
			.param("name", "")
			.param("furigana", "改行\nあり")
			.param("affiliation", "3年9組")
			.param("answer-" + list.customFields().get(0).id(), "朝")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("入力してください。")
			.contains("改行や制御文字は使えません。")
			.contains("選択肢から選んでください。");
		assertThat(registrants(email)).isZero();
		// the link still works after a refused attempt
		assertThat(mvc.get().uri(link).exchange()).bodyText().contains("登録内容の入力");
	}

	@Test
	void wrongPasswordMissingAgreementAndBadAddressAreEachNamed() {
		var result = mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", "WRONG-PASS")
			.param("email", "taro..yamada@@docomo")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("登録パスワードが違います")
			.contains("利用規程への同意が必要です")
			.contains("メールアドレスの形式が正しくありません");
	}

	@Test
	void aWrongPasswordIsSummarisedFirstWithLinksAndNothingTypedOrTickedIsLost() throws Exception {
		String email = StaffFixtures.unique("kept") + "@example.jp";
		String page = mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", "WRONG-PASS")
			.param("agree", "yes")
			.param("email", email)
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		int summary = page.indexOf("class=\"error-summary\"");
		assertThat(summary).as("an error summary").isPositive();
		assertThat(summary).as("before the rules and the form")
			.isLessThan(page.indexOf("利用規程</h2>"))
			.isLessThan(page.indexOf("<form"));
		String box = page.substring(summary, page.indexOf("</div>", summary));
		assertThat(box).contains("tabindex=\"-1\"")
			.contains("autofocus")
			.contains("<a href=\"#password\">登録パスワードが違います")
			.doesNotContain("#agree");
		assertThat(page).containsPattern("id=\"agree\"[^>]*checked=\"checked\"")
			.containsPattern("id=\"password\"[^>]*value=\"WRONG-PASS\"")
			.contains("value=\"" + email + "\"");
		// nothing given: each missing item named and linked
		String empty = mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(empty).contains("<a href=\"#password\">登録パスワードを入力してください。</a>")
			.contains("<a href=\"#agree\">登録するには、利用規程への同意が必要です。</a>")
			.contains("<a href=\"#email\">メールアドレスを入力してください。</a>")
			.doesNotContainPattern("id=\"agree\"[^>]*checked");
	}

	@Test
	void anAddressTypedInFullWidthIsReadAsItsAsciiForm() {
		String mailbox = StaffFixtures.unique("zen");
		String typed = mailbox + "＠ｅｘａｍｐｌｅ．ｊｐ";
		String stored = mailbox + "@example.jp";
		assertThat(askToRegister(list, list.registrationPassword(), typed)).bodyText()
			.contains("確認メールを送りました")
			.contains(stored);
		assertThat(fixtures.mailTo(stored).to()).containsExactly(stored);
	}

	@Test
	void legacyDocomoAddressRegisters() {
		String email = StaffFixtures.unique("taro") + "..yamada.@DoCoMo.ne.jp";
		String stored = email.replace("DoCoMo", "docomo");
		assertThat(askToRegister(list, list.registrationPassword(), email)).bodyText().contains(stored);
		String link = confirmationLink(stored);
		String token = link.substring(link.indexOf("t=") + 2);
		mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", token)
			.param("name", "山田 太郎")
			.param("furigana", "やまだ たろう")
			.param("affiliation", "1年1組")
			.exchange();
		assertThat(registrants(stored)).isEqualTo(1);
	}

	@Test
	void registeringAgainCreatesNoDuplicateAndRevealsNothing() {
		String email = StaffFixtures.unique("again") + "@example.jp";
		askToRegister(list, list.registrationPassword(), email);
		String link = confirmationLink(email);
		mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "再登録 試験")
			.param("furigana", "さいとうろく")
			.param("affiliation", "1年1組")
			.exchange();

		var second = askToRegister(list, list.registrationPassword(),
				email.toUpperCase().replace("EXAMPLE.JP", "example.jp"));
		var fresh = askToRegister(list, list.registrationPassword(), StaffFixtures.unique("new") + "@example.jp");
		// the page is the same for a registered and an unknown address
		assertThat(second).bodyText().contains("確認メールを送りました");
		assertThat(fresh).bodyText().contains("確認メールを送りました");
		assertThat(fixtures.mailTo(email.toUpperCase().replace("EXAMPLE.JP", "example.jp")).subject())
			.contains("すでに登録されています");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l AND LOWER(email) = :e")
			.param("l", list.id())
			.param("e", email.toLowerCase())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private MvcTestResult askToRegisterFrom(String client, RegistrationList target, String password, String email) {
		return mvc.post().uri("/r/" + target.publicToken()).with(csrf()).with(r -> {
			r.setRemoteAddr(client);
			return r;
		}).param("password", password).param("agree", "yes").param("email", email).exchange();
	}

	@Test
	void oneAddressGetsAtMostThreeConfirmationMailsAnHourWhetherOrNotItIsRegistered() {
		String victim = StaffFixtures.unique("victim") + "@example.jp";
		for (int i = 0; i < 3; i++) {
			assertThat(askToRegister(list, list.registrationPassword(), victim)).bodyText().contains("確認メールを送りました");
		}
		for (int i = 0; i < 12; i++) {
			assertThat(askToRegisterFrom("203.0.113." + (i + 1), list, list.registrationPassword(), victim))
				.hasStatusOk()
				.bodyText()
				.contains("確認メールは送りませんでした")
				.contains("いちばん新しいメールのリンク");
		}
		assertThat(fixtures.mailsTo(victim)).isEqualTo(3);
		// the three links still work
		assertThat(mvc.get().uri(confirmationLink(victim)).exchange()).hasStatusOk();

		// an address already on the list is limited the same way, with the same page
		String registered = StaffFixtures.unique("reg") + "@example.jp";
		fixtures.registrant(list, registered, "登録 済子", null);
		long before = fixtures.mailsTo(registered);
		// its own registration's confirmation counts as the first of the three
		for (int i = 0; i < 2; i++) {
			assertThat(askToRegister(list, list.registrationPassword(), registered)).bodyText().contains("確認メールを送りました");
		}
		assertThat(askToRegister(list, list.registrationPassword(), registered)).bodyText().contains("確認メールは送りませんでした");
		assertThat(fixtures.mailsTo(registered)).isEqualTo(before + 2);

		// and over every list of the city: at most ten an hour
		String spread = StaffFixtures.unique("spread") + "@example.jp";
		for (int i = 0; i < 4; i++) {
			RegistrationList another = fixtures.list(manager);
			for (int j = 0; j < 3; j++) {
				askToRegister(another, another.registrationPassword(), spread);
			}
		}
		assertThat(fixtures.mailsTo(spread)).isEqualTo(10);
	}

	@Test
	void guessingFromManyClientsSlowsTheListDownButARightPasswordStillRegisters() {
		jdbc.sql("UPDATE staff_account SET email = :email WHERE id = :id")
			.param("email", "om-" + manager.loginId() + "@city.example.jp")
			.param("id", manager.id())
			.update();
		catcher.clear();
		// 100 wrong passwords from 20 addresses, five each
		for (int client = 0; client < 20; client++) {
			for (int i = 0; i < 5; i++) {
				askToRegisterFrom("198.51.100." + client, list, "WRONG-" + client + "-" + i, "x@example.jp");
			}
		}
		String newcomer = StaffFixtures.unique("newcomer") + "@example.jp";
		assertThat(askToRegisterFrom("192.0.2.200", list, list.registrationPassword(), newcomer)).bodyText()
			.contains("確認メールを送りました");
		assertThat(fixtures.mailsTo(newcomer)).isEqualTo(1);
		// a guessing client now has fewer tries: one that used three is refused
		assertThat(askToRegisterFrom("198.51.100.0", list, list.registrationPassword(), newcomer)).bodyText()
			.contains("登録パスワードの入力が多すぎます");
		assertThat(fixtures.mailsTo("om-" + manager.loginId() + "@city.example.jp")).isEqualTo(1);
		assertThat(jdbc
			.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTRATION_PASSWORD_GUESSING' "
					+ "AND target = :t")
			.param("t", "list:" + list.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aFloodOfWrongPasswordsIsRateLimitedEvenForTheRightOne() {
		for (int i = 0; i < 10; i++) {
			assertThat(askToRegister(list, "WRONG-" + i, "x@example.jp")).bodyText().contains("登録パスワードが違います");
		}
		String email = StaffFixtures.unique("late") + "@example.jp";
		assertThat(askToRegister(list, list.registrationPassword(), email)).bodyText().contains("登録パスワードの入力が多すぎます");
		assertThat(fixtures.mailsTo(email)).isZero();
		// another list is not affected
		RegistrationList other = fixtures.list(manager);
		assertThat(askToRegister(other, other.registrationPassword(), email)).bodyText().contains("確認メールを送りました");
	}

	@Test
	void theAddressesOfOneIpv6NetworkCountAsOneClient() {
		// ten wrong passwords, each from another address of one /64
		for (int i = 0; i < 10; i++) {
			assertThat(askToRegisterFrom("2001:db8:aa:1::" + Integer.toHexString(i + 1), list, "WRONG-" + i,
					"x@example.jp"))
				.bodyText()
				.contains("登録パスワードが違います");
		}
		String email = StaffFixtures.unique("v6") + "@example.jp";
		assertThat(askToRegisterFrom("2001:db8:aa:1:ffff:1:2:3", list, list.registrationPassword(), email)).bodyText()
			.contains("登録パスワードの入力が多すぎます");
		assertThat(fixtures.mailsTo(email)).isZero();
		// the neighbouring /64 is another client
		assertThat(askToRegisterFrom("2001:db8:aa:2::1", list, list.registrationPassword(), email)).bodyText()
			.contains("確認メールを送りました");
	}

	@Test
	void rotatedPasswordStopsWorkingAtOnce() {
		String old = list.registrationPassword();
		mvc.post().uri("/lists/" + list.id() + "/rotate-password").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(askToRegister(list, old, "x@example.jp")).bodyText().contains("登録パスワードが違います");
		String current = jdbc.sql("SELECT registration_password FROM registration_list WHERE id = :id")
			.param("id", list.id())
			.query(String.class)
			.single();
		assertThat(current).isNotEqualTo(old);
		assertThat(askToRegister(list, current, StaffFixtures.unique("rot") + "@example.jp")).bodyText()
			.contains("確認メールを送りました");
	}

	@Test
	void expiredConfirmationLinkIsRefused() {
		String email = StaffFixtures.unique("slow") + "@example.jp";
		askToRegister(list, list.registrationPassword(), email);
		jdbc.sql("UPDATE signup_request SET expires_at = :past WHERE email = :e")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
			.param("e", email)
			.update();
		assertThat(mvc.get().uri(confirmationLink(email)).exchange()).bodyText().contains("このリンクは使えません");
		assertThat(mvc.get().uri("/r/" + list.publicToken() + "/confirm?t=forged").exchange()).bodyText()
			.contains("このリンクは使えません");
	}

	@Test
	void closedOrEndedListSaysRegistrationIsClosed() {
		mvc.post().uri("/lists/" + list.id() + "/close").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().contains("登録を受け付けていません");
		assertThat(askToRegister(list, list.registrationPassword(), "x@example.jp")).bodyText()
			.contains("登録を受け付けていません");

		RegistrationList ended = fixtures.list(manager);
		jdbc.sql("UPDATE registration_list SET period_start = :s, period_end = :e WHERE id = :id")
			.param("s", java.time.LocalDate.now().minusDays(30))
			.param("e", java.time.LocalDate.now().minusDays(2))
			.param("id", ended.id())
			.update();
		assertThat(mvc.get().uri("/r/" + ended.publicToken()).exchange()).bodyText().contains("登録を受け付けていません");

		RegistrationList future = fixtures.list(manager);
		jdbc.sql("UPDATE registration_list SET period_start = :s WHERE id = :id")
			.param("s", java.time.LocalDate.now().plusDays(10))
			.param("id", future.id())
			.update();
		assertThat(mvc.get().uri("/r/" + future.publicToken()).exchange()).bodyText().contains("から始まります");
	}

	@Test
	void unknownListTokenIs404() {
		assertThat(mvc.get().uri("/r/no-such-list").exchange()).hasStatus(404);
	}

	@Test
	void approvalListKeepsThePersonPendingUntilApprovedAndTellsThemByMail() {
		RegistrationList guarded = fixtures.list(manager, Verification.APPROVAL);
		String email = StaffFixtures.unique("parent") + "@example.jp";
		askToRegister(guarded, guarded.registrationPassword(), email);
		String link = confirmationLink(email);
		var done = mvc.post()
			.uri("/r/" + guarded.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "保護者 花子")
			.param("furigana", "ほごしゃ")
			.param("affiliation", "1年1組")
			.exchange();
		assertThat(done).bodyText().contains("承認待ち");
		long id = jdbc.sql("SELECT id FROM registrant WHERE email = :e").param("e", email).query(Long.class).single();
		assertThat(jdbc.sql("SELECT state FROM registrant WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("PENDING");

		var pendingList = mvc.get()
			.uri("/lists/" + guarded.id() + "/registrants?state=PENDING")
			.with(manager.signedIn())
			.exchange();
		assertThat(pendingList).bodyText().contains(email);
		assertThat(mvc.post().uri("/registrants/" + id + "/approve").with(manager.signedIn()).with(csrf()).exchange())
			.hasRedirectedUrl("/registrants/" + id);
		assertThat(jdbc.sql("SELECT state FROM registrant WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("ACTIVE");
		assertThat(fixtures.mailTo(email).subject()).contains("承認されました");
	}

	@Test
	void rejectedPersonIsToldAndErased() {
		RegistrationList guarded = fixtures.list(manager, Verification.APPROVAL);
		String email = StaffFixtures.unique("stranger") + "@example.jp";
		askToRegister(guarded, guarded.registrationPassword(), email);
		String link = confirmationLink(email);
		mvc.post()
			.uri("/r/" + guarded.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "不明 太郎")
			.param("furigana", "ふめい")
			.param("affiliation", "1年1組")
			.exchange();
		long id = jdbc.sql("SELECT id FROM registrant WHERE email = :e").param("e", email).query(Long.class).single();
		mvc.post().uri("/registrants/" + id + "/reject").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(registrantsAnywhere(email)).isZero();
		assertThat(fixtures.mailTo(email).subject()).contains("登録について");
		assertThat(jdbc.sql("SELECT end_reason FROM consent_record WHERE list_id = :l")
			.param("l", guarded.id())
			.query(String.class)
			.list()).containsExactly("REJECTED");
	}

	private long registrantsAnywhere(String email) {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE email = :e")
			.param("e", email)
			.query(Long.class)
			.single();
	}

	@Test
	void publicPagesNeedNoSignInAndKeepCsrfProtection() {
		BrowserSession session = new BrowserSession();
		assertThat(session.keep(mvc.get().uri("/r/" + list.publicToken()).with(session).exchange())).hasStatusOk();
		assertThat(session.hasCookie()).as("the form's CSRF token is kept in a session").isTrue();
		assertThat(mvc.post().uri("/r/" + list.publicToken()).with(session).param("password", "x").exchange())
			.hasStatus(403);
	}

	@Test
	void languageSwitchKeepsTheConfirmationToken() {
		var page = mvc.get().uri("/r/" + list.publicToken() + "/confirm?t=abc_DEF-123").exchange();
		assertThat(page).bodyText().contains("/r/" + list.publicToken() + "/confirm?t=abc_DEF-123&amp;lang=en");
	}

}
