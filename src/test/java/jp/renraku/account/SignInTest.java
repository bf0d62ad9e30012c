package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import jakarta.servlet.http.Cookie;

import jp.renraku.BrowserSession;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.Staff;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@RenrakuIntegrationTest
class SignInTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailCatcher catcher;

	@Autowired
	Clock clock;

	private MvcTestResult signIn(String loginId, String password) {
		return signIn(loginId, password, null);
	}

	private MvcTestResult signIn(String loginId, String password, String code) {
		return signIn(new BrowserSession(), loginId, password, code);
	}

	/** Signs in from the browser, which keeps the session cookie it gets. */
	private MvcTestResult signIn(BrowserSession browser, String loginId, String password, String code) {
		var request = mvc.post()
			.uri("/login")
			.param("username", loginId)
			.param("password", password)
			.with(csrf())
			.with(browser);
		if (code != null) {
			request = request.param("code", code);
		}
		return browser.keep(request.exchange());
	}

	/** A browser signed in as the staff member. */
	private BrowserSession signedIn(String loginId, String password) {
		BrowserSession browser = new BrowserSession();
		assertThat(signIn(browser, loginId, password, null)).hasRedirectedUrl("/");
		return browser;
	}

	private MvcTestResult get(BrowserSession browser, String uri) {
		return browser.keep(mvc.get().uri(uri).with(browser).exchange());
	}

	private String auditActions(long accountId) {
		return String.join(",",
				jdbc.sql("SELECT action FROM audit_entry WHERE actor_account_id = :id ORDER BY seq")
					.param("id", accountId)
					.query(String.class)
					.list());
	}

	@Test
	void signInWithChosenPasswordGoesHomeAndIsAudited() {
		TestStaff manager = fixtures.manager(fixtures.body());
		assertThat(signIn(manager.loginId(), manager.password())).hasRedirectedUrl("/");
		assertThat(auditActions(manager.id())).endsWith("SIGN_IN_SUCCEEDED");
	}

	@Test
	void loginIdIsCaseInsensitive() {
		TestStaff manager = fixtures.manager(fixtures.body());
		assertThat(signIn(manager.loginId().toUpperCase(), manager.password())).hasRedirectedUrl("/");
	}

	@Test
	void unknownIdAndWrongPasswordGetTheSameAnswer() {
		TestStaff manager = fixtures.manager(fixtures.body());
		assertThat(signIn("no-such-person", "whatever-password")).hasRedirectedUrl("/login?error");
		assertThat(signIn(manager.loginId(), "wrong-password-1")).hasRedirectedUrl("/login?error");
		assertThat(jdbc.sql(
				"SELECT COUNT(*) FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND actor_login_id = 'no-such-person'")
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void temporaryPasswordMustBeChangedBeforeAnythingElse() {
		long body = fixtures.body();
		IssuedPassword issued = fixtures.managerWithTemporaryPassword(body);
		BrowserSession session = signedIn(issued.loginId(), issued.password());

		assertThat(get(session, "/staff")).hasRedirectedUrl("/account/password");
		assertThat(get(session, "/account/password")).hasStatusOk().bodyText().contains("初期パスワードでログインしています");

		var changed = mvc.post()
			.uri("/account/password")
			.with(session)
			.with(csrf())
			.param("currentPassword", issued.password())
			.param("newPassword", "Tsuki-ga-deta-deta-9")
			.param("confirmPassword", "Tsuki-ga-deta-deta-9")
			.exchange();
		assertThat(session.keep(changed)).hasRedirectedUrl("/");
		assertThat(get(session, "/staff")).hasStatusOk();

		// single use: the one-time password no longer signs in
		assertThat(signIn(issued.loginId(), issued.password())).hasRedirectedUrl("/login?error");
	}

	@Test
	void expiredTemporaryPasswordIsRefusedWithItsOwnMessage() {
		IssuedPassword issued = fixtures.managerWithTemporaryPassword(fixtures.body());
		jdbc.sql("UPDATE staff_account SET temporary_expires_at = :past WHERE id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
			.param("id", issued.accountId())
			.update();
		assertThat(signIn(issued.loginId(), issued.password())).hasRedirectedUrl("/login?expired");
		assertThat(mvc.get().uri("/login?expired").exchange()).bodyText().contains("有効期限が切れています");
	}

	@Test
	void passwordOlderThanNinetyDaysMustBeChanged() {
		TestStaff manager = fixtures.manager(fixtures.body());
		jdbc.sql("UPDATE staff_account SET password_changed_at = :old WHERE id = :id")
			.param("old", OffsetDateTime.now(ZoneOffset.UTC).minusDays(91))
			.param("id", manager.id())
			.update();
		assertThat(mvc.get().uri("/staff").with(manager.signedIn()).exchange()).hasRedirectedUrl("/account/password");
	}

	@Test
	void newPasswordMayNotRepeatTheLastFive() {
		TestStaff manager = fixtures.manager(fixtures.body());
		String[] passwords = { "Haru-no-ogawa-1", "Natsu-no-umi-22", "Aki-no-yama-333", "Fuyu-no-yuki-44",
				"Tsuyu-no-ame-555" };
		String current = manager.password();
		for (String next : passwords) {
			assertThat(changePassword(manager, current, next)).hasRedirectedUrl("/");
			current = next;
		}
		// the fixture password is now six changes back: allowed again; the last five are
		// not
		assertThat(changePassword(manager, current, "Natsu-no-umi-22")).hasStatusOk()
			.bodyText()
			.contains("過去5回のパスワードは使えません");
		assertThat(changePassword(manager, current, current)).hasStatusOk();
		assertThat(changePassword(manager, current, StaffFixtures.PASSWORD)).hasRedirectedUrl("/");
	}

	@Test
	void passwordChangeShowsEveryBrokenRuleAsFieldErrorsAndKeepsTheOldPassword() {
		TestStaff manager = fixtures.manager(fixtures.body());
		var result = changePassword(manager, manager.password(), "short");
		assertThat(result).hasStatusOk().bodyText().contains("12文字以上にしてください。").contains("3種類以上を含めてください");
		assertThat(changePassword(manager, "not-my-password", "Perfectly-fine-77")).hasStatusOk()
			.bodyText()
			.contains("現在のパスワードが正しくありません");
		assertThat(signIn(manager.loginId(), manager.password())).hasRedirectedUrl("/");
	}

	private MvcTestResult changePassword(TestStaff staff, String current, String next) {
		return mvc.post()
			.uri("/account/password")
			.with(staff.signedIn())
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", next)
			.param("confirmPassword", next)
			.exchange();
	}

	@Test
	void retiredAccountCannotSignInAndItsOpenSessionEnds() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		BrowserSession session = signedIn(sender.loginId(), sender.password());
		String id = session.sessionId();

		assertThat(mvc.post().uri("/staff/" + sender.id() + "/retire").with(manager.signedIn()).with(csrf()).exchange())
			.hasRedirectedUrl("/staff/" + sender.id());

		assertThat(get(session, "/")).hasRedirectedUrl("/login?ended");
		assertThat(BrowserSession.stored(jdbc, id)).as("the ended session's row").isFalse();
		assertThat(signIn(sender.loginId(), sender.password())).hasRedirectedUrl("/login?error");
	}

	@Test
	void changingThePasswordEndsEveryOtherSessionButThisOne() {
		TestStaff manager = fixtures.manager(fixtures.body());
		BrowserSession here = signedIn(manager.loginId(), manager.password());
		BrowserSession elsewhere = signedIn(manager.loginId(), manager.password());
		String elsewhereId = elsewhere.sessionId();
		assertThat(get(elsewhere, "/")).hasStatusOk();

		assertThat(here.keep(mvc.post()
			.uri("/account/password")
			.with(here)
			.with(csrf())
			.param("currentPassword", manager.password())
			.param("newPassword", "Kawa-no-nagare-ni-8")
			.param("confirmPassword", "Kawa-no-nagare-ni-8")
			.exchange())).hasRedirectedUrl("/");
		assertThat(get(here, "/")).hasStatusOk();
		assertThat(get(elsewhere, "/")).hasRedirectedUrl("/login?signedOutElsewhere");
		assertThat(BrowserSession.stored(jdbc, elsewhereId)).isFalse();
		assertThat(mvc.get().uri("/login?signedOutElsewhere").exchange()).bodyText().contains("この端末のログインは終わりました");
	}

	@Test
	void theHolderCanSignOutEverySessionButTheirOwn() {
		TestStaff manager = fixtures.manager(fixtures.body());
		BrowserSession here = signedIn(manager.loginId(), manager.password());
		BrowserSession elsewhere = signedIn(manager.loginId(), manager.password());
		assertThat(get(here, "/account/password")).bodyText().contains("この端末以外からログアウトする");
		assertThat(here.keep(mvc.post().uri("/account/sessions/end-others").with(here).with(csrf()).exchange()))
			.hasRedirectedUrl("/account/password");
		assertThat(get(here, "/")).hasStatusOk();
		assertThat(get(elsewhere, "/")).hasRedirectedUrl("/login?signedOutElsewhere");
		assertThat(auditActions(manager.id())).contains("SESSIONS_ENDED");
		// and a password issued by the administrator ends the holder's sessions too
		BrowserSession third = signedIn(manager.loginId(), manager.password());
		TestStaff admin = fixtures.systemAdmin();
		assertThat(mvc.post()
			.uri("/staff/" + manager.id() + "/reset-password")
			.with(admin.signedIn())
			.with(csrf())
			.exchange()).hasStatusOk();
		assertThat(get(third, "/")).hasRedirectedUrl("/login?signedOutElsewhere");
	}

	@Test
	void signInIssuesANewSessionIdAndLogoutEndsTheSession() {
		TestStaff manager = fixtures.manager(fixtures.body());
		BrowserSession browser = new BrowserSession();
		// the sign-in page's form holds a CSRF token, kept in a session before anyone
		// signs in
		assertThat(get(browser, "/login")).hasStatusOk();
		String before = browser.sessionId();
		assertThat(BrowserSession.stored(jdbc, before)).isTrue();

		assertThat(signIn(browser, manager.loginId(), manager.password(), null)).hasRedirectedUrl("/");
		String after = browser.sessionId();
		assertThat(after).isNotEqualTo(before);
		assertThat(BrowserSession.stored(jdbc, before)).as("the session under its old id").isFalse();
		assertThat(jdbc.sql("SELECT principal_name FROM spring_session WHERE session_id = :id")
			.param("id", after)
			.query(String.class)
			.single()).isEqualTo(manager.loginId());
		assertThat(get(browser, "/")).hasStatusOk();

		BrowserSession kept = browser.copy();
		MvcTestResult logout = browser.keep(mvc.post().uri("/logout").with(browser).with(csrf()).exchange());
		assertThat(logout).hasRedirectedUrl("/login?logout");
		assertThat(logout.getResponse().getCookie(BrowserSession.COOKIE)).as("the cookie is expired")
			.satisfies(cookie -> assertThat(cookie.getMaxAge()).isZero());
		assertThat(BrowserSession.stored(jdbc, after)).as("the session's row after sign-out").isFalse();
		assertThat(auditActions(manager.id())).endsWith("SIGNED_OUT");
		// the old cookie, presented again, is no session
		assertThat(get(kept, "/")).hasRedirectedUrl("/login?timeout");
	}

	@Test
	void theStoredSessionKeepsNeitherTheDeviceCookieNorTheCode(
			@Autowired FindByIndexNameSessionRepository<? extends Session> sessions) {
		TestStaff manager = fixtures.manager(fixtures.body());
		Cookie device = Arrays.stream(signIn(manager.loginId(), manager.password()).getResponse().getCookies())
			.filter(cookie -> cookie.getName().startsWith(KnownDevices.COOKIE_PREFIX))
			.findFirst()
			.orElseThrow();
		BrowserSession browser = new BrowserSession();
		browser.keep(mvc.post()
			.uri("/login")
			.param("username", manager.loginId())
			.param("password", manager.password())
			.cookie(device)
			.with(csrf())
			.exchange());
		SecurityContext context = sessions.findById(browser.sessionId())
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(context.getAuthentication().getPrincipal()).isInstanceOf(Staff.class);
		assertThat(context.getAuthentication().getDetails()).isInstanceOfSatisfying(SignInDetails.class, details -> {
			assertThat(details.deviceCookies()).isEmpty();
			assertThat(details.totpCode()).isNull();
			assertThat(details.clientAddress()).isNotBlank();
		});
		assertThat(sessions.findByPrincipalName(manager.loginId())).containsKey(browser.sessionId());
	}

	@Test
	void logoutWithoutCsrfTokenIsRefused() {
		TestStaff manager = fixtures.manager(fixtures.body());
		BrowserSession session = signedIn(manager.loginId(), manager.password());
		assertThat(get(session, "/")).hasStatusOk();
		assertThat(session.keep(mvc.post().uri("/logout").with(session).exchange())).hasStatus(403);
		assertThat(BrowserSession.stored(jdbc, session.sessionId())).isTrue();
		assertThat(get(session, "/")).hasStatusOk();
	}

	@Test
	void twoFactorCodeIsRequiredOnceEnabledAndCannotBeReplayed() {
		TestStaff manager = fixtures.manager(fixtures.body());
		String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
		jdbc.sql("UPDATE staff_account SET totp_secret = :s, totp_enabled = TRUE WHERE id = :id")
			.param("s", secret)
			.param("id", manager.id())
			.update();
		TotpCodes codes = new TotpCodes(clock, "test");
		long step = Instant.now().getEpochSecond() / TotpCodes.PERIOD_SECONDS;
		String code = codes.codeAt(secret, step);

		assertThat(signIn(manager.loginId(), manager.password())).hasRedirectedUrl("/login?error");
		assertThat(signIn(manager.loginId(), manager.password(), "000000".equals(code) ? "111111" : "000000"))
			.hasRedirectedUrl("/login?error");
		assertThat(signIn(manager.loginId(), manager.password(), code)).hasRedirectedUrl("/");
		assertThat(signIn(manager.loginId(), manager.password(), code)).as("replayed code")
			.hasRedirectedUrl("/login?error");
	}

	@Test
	void requiredTwoFactorForcesAdministratorsToEnrolButNotSenders() {
		TestStaff admin = fixtures.systemAdmin();
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		assertThat(mvc.post()
			.uri("/admin/settings")
			.with(admin.signedIn())
			.with(csrf())
			.param("requireTotp", "true")
			.exchange()).hasRedirectedUrl("/admin/settings");
		try {
			assertThat(mvc.get().uri("/staff").with(manager.signedIn()).exchange()).hasRedirectedUrl("/account/totp");
			assertThat(mvc.get().uri("/account/totp").with(manager.signedIn()).exchange()).hasStatusOk()
				.bodyText()
				.contains("data:image/png;base64,");
			assertThat(mvc.get().uri("/").with(sender.signedIn()).exchange()).hasStatusOk();
		}
		finally {
			jdbc.sql("UPDATE sign_in_setting SET require_totp_for_admins = FALSE").update();
		}
	}

	@Test
	void enrolmentStoresTheSecretOnlyAfterACorrectCode() throws Exception {
		TestStaff manager = fixtures.manager(fixtures.body());
		BrowserSession session = new BrowserSession();
		var page = session.keep(mvc.get().uri("/account/totp").with(session).with(manager.signedIn()).exchange());
		String html = page.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		var matcher = java.util.regex.Pattern.compile("class=\"secret\">([A-Z2-7]+)<").matcher(html);
		assertThat(matcher.find()).isTrue();
		String secret = matcher.group(1);

		assertThat(mvc.post()
			.uri("/account/totp/confirm")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.param("code", "12345")
			.exchange()).hasRedirectedUrl("/account/totp");
		assertThat(jdbc.sql("SELECT totp_enabled FROM staff_account WHERE id = :id")
			.param("id", manager.id())
			.query(Boolean.class)
			.single()).isFalse();

		String code = new TotpCodes(clock, "t").codeAt(secret, Instant.now().getEpochSecond() / 30);
		assertThat(mvc.post()
			.uri("/account/totp/confirm")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.param("code", code)
			.exchange()).hasRedirectedUrl("/");
		assertThat(jdbc.sql("SELECT totp_secret FROM staff_account WHERE id = :id")
			.param("id", manager.id())
			.query(String.class)
			.single()).isEqualTo(secret);
	}

	@Test
	void leakReportLocksAtOnceMailsTheAdministratorsAndANewPasswordReopens() throws Exception {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		jdbc.sql("UPDATE staff_account SET email = 'kiki@city.example.jp' WHERE login_id = 'admin'").update();
		catcher.clear();

		MvcTestResult report = mvc.post()
			.uri("/account/leak")
			.with(sender.signedIn())
			.with(csrf())
			.param("note", "付箋を落としました")
			.exchange();
		assertThat(report).hasRedirectedUrl("/login?leak");
		assertThat(signIn(sender.loginId(), sender.password())).hasRedirectedUrl("/login?error");
		assertThat(auditActions(sender.id())).contains("PASSWORD_LEAK_REPORTED");

		var mails = catcher.caught();
		assertThat(mails).anySatisfy(mail -> {
			assertThat(mail.to()).containsExactly("kiki@city.example.jp");
			assertThat(mail.subject()).contains(sender.loginId());
			assertThat(mail.body()).contains("付箋を落としました");
		});

		var issued = mvc.post()
			.uri("/staff/" + sender.id() + "/reset-password")
			.with(manager.signedIn())
			.with(csrf())
			.exchange();
		assertThat(issued).hasStatusOk().bodyText().contains("初期パスワードを発行しました");
		String temporary = java.util.regex.Pattern.compile("id=\"issued-password\" class=\"secret\">([^<]+)<")
			.matcher(issued.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.results()
			.findFirst()
			.orElseThrow()
			.group(1);
		assertThat(signIn(sender.loginId(), temporary)).hasRedirectedUrl("/");
	}

	@Test
	void clockIsUtcSoStoredTimesAreComparable() {
		assertThat(clock.instant()).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(5, ChronoUnit.SECONDS));
	}

}
