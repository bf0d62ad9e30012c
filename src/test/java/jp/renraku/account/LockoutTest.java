package jp.renraku.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Wrong passwords slow the guesser down and never lock the holder out (issue 12): counted
 * per ID and client, a client waits after three and is refused after five; only guessing
 * from many clients closes the ID, and then not to a browser the holder has signed in
 * with before. The holder is told by mail; every refusal is audited.
 */
@RenrakuIntegrationTest
class LockoutTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailCatcher catcher;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	KnownDevices devices;

	@Autowired
	AccountManagement accounts;

	@BeforeEach
	void clean() {
		catcher.clear();
	}

	private MvcTestResult signIn(String from, String loginId, String password, Cookie... cookies) {
		var request = mvc.post()
			.uri("/login")
			.param("username", loginId)
			.param("password", password)
			.with(csrf())
			.with(r -> {
				r.setRemoteAddr(from);
				return r;
			});
		if (cookies.length > 0) {
			request = request.cookie(cookies);
		}
		return request.exchange();
	}

	private void withEmail(TestStaff staff, String email) {
		jdbc.sql("UPDATE staff_account SET email = :email WHERE id = :id")
			.param("email", email)
			.param("id", staff.id())
			.update();
	}

	/** Lets the waits between wrong attempts pass, as if the person took their time. */
	private void letTheWaitPass(String loginId) {
		jdbc.sql("UPDATE sign_in_throttle SET last_failure = :past WHERE login_key = :key")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2))
			.param("key", throttle.loginKey(loginId))
			.update();
	}

	private List<String> auditDetails(String loginId, String action) {
		return jdbc.sql("SELECT detail FROM audit_entry WHERE actor_login_id = :id AND action = :action ORDER BY seq")
			.param("id", loginId)
			.param("action", action)
			.query(String.class)
			.list();
	}

	@Test
	void fiveWrongPasswordsLockOnlyTheClientThatTypedThemAndTheHolderIsToldByMail() {
		TestStaff manager = fixtures.manager(fixtures.body());
		withEmail(manager, "holder-" + manager.loginId() + "@city.example.jp");
		for (int i = 0; i < 5; i++) {
			letTheWaitPass(manager.loginId());
			assertThat(signIn("203.0.113.7", manager.loginId(), "wrong-password-" + i))
				.hasRedirectedUrl("/login?error");
		}
		letTheWaitPass(manager.loginId());
		assertThat(signIn("203.0.113.7", manager.loginId(), manager.password())).as("the guesser's client is shut")
			.hasRedirectedUrl("/login?error");
		assertThat(signIn("198.51.100.20", manager.loginId(), manager.password())).as("the holder's is not")
			.hasRedirectedUrl("/");
		assertThat(auditDetails(manager.loginId(), "SIGN_IN_FAILED")).containsSubsequence("wrong-password",
				"client-locked");
		assertThat(auditDetails(manager.loginId(), "ACCOUNT_LOCKED_OUT")).containsExactly("one-client");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(catcher.caught()).anySatisfy(mail -> {
			assertThat(mail.to()).containsExactly("holder-" + manager.loginId() + "@city.example.jp");
			assertThat(mail.subject()).contains("ログインを一時的に止めました").contains(manager.loginId());
			assertThat(mail.body()).contains("203.0.113.7").contains("/account/leak");
		}));

		// when the 15 minutes have passed, the guesser's client may try again
		jdbc.sql("UPDATE sign_in_throttle SET locked_until = :past WHERE login_key = :key")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("key", throttle.loginKey(manager.loginId()))
			.update();
		assertThat(signIn("203.0.113.7", manager.loginId(), manager.password())).hasRedirectedUrl("/");
	}

	@Test
	void afterThreeWrongPasswordsTheClientWaitsBeforeItsNextTry() {
		TestStaff manager = fixtures.manager(fixtures.body());
		for (int i = 0; i < 3; i++) {
			assertThat(signIn("203.0.113.8", manager.loginId(), "wrong-password-" + i))
				.hasRedirectedUrl("/login?error");
		}
		assertThat(signIn("203.0.113.8", manager.loginId(), manager.password())).as("too soon")
			.hasRedirectedUrl("/login?error");
		assertThat(auditDetails(manager.loginId(), "SIGN_IN_FAILED")).last().isEqualTo("wait");
		letTheWaitPass(manager.loginId());
		assertThat(signIn("203.0.113.8", manager.loginId(), manager.password())).hasRedirectedUrl("/");
		assertThat(SignInThrottle.delay(2)).isZero();
		assertThat(SignInThrottle.delay(3)).hasSeconds(2);
		assertThat(SignInThrottle.delay(4)).hasSeconds(4);
		assertThat(SignInThrottle.delay(40)).hasMinutes(1);
	}

	@Test
	void guessingFromManyClientsClosesTheIdButNotTheAdministratorsOwnBrowser() {
		TestStaff admin = fixtures.systemAdmin();
		TestStaff otherAdmin = fixtures.systemAdmin();
		withEmail(admin, "admin-" + admin.loginId() + "@city.example.jp");
		withEmail(otherAdmin, "other-" + otherAdmin.loginId() + "@city.example.jp");
		// the administrator signs in from their own browser, which is remembered
		MvcTestResult own = signIn("192.0.2.10", admin.loginId(), admin.password());
		assertThat(own).hasRedirectedUrl("/");
		Cookie device = own.getResponse().getCookie(devices.cookieName(admin.id()));
		assertThat(device).isNotNull();
		assertThat(device.isHttpOnly()).isTrue();
		assertThat(device.getValue()).doesNotContain(admin.loginId());

		// fifty wrong passwords from ten addresses, five each
		for (int client = 0; client < 10; client++) {
			for (int i = 0; i < 5; i++) {
				letTheWaitPass(admin.loginId());
				signIn("203.0.113." + (100 + client), admin.loginId(), "guess-" + client + "-" + i);
			}
		}
		assertThat(auditDetails(admin.loginId(), "ACCOUNT_LOCKED_OUT")).contains("all-clients");
		letTheWaitPass(admin.loginId());
		assertThat(signIn("198.51.100.99", admin.loginId(), admin.password())).as("a new client is refused")
			.hasRedirectedUrl("/login?error");
		assertThat(auditDetails(admin.loginId(), "SIGN_IN_FAILED")).last().isEqualTo("account-locked");
		letTheWaitPass(admin.loginId());
		assertThat(signIn("198.51.100.99", admin.loginId(), admin.password(), device))
			.as("the administrator's own browser still signs in, from any address")
			.hasRedirectedUrl("/");
		// a forged or someone else's device cookie counts for nothing
		letTheWaitPass(admin.loginId());
		Cookie forged = new Cookie(device.getName(), "x" + device.getValue().substring(1));
		assertThat(signIn("198.51.100.98", admin.loginId(), admin.password(), forged)).hasRedirectedUrl("/login?error");

		// the system administrators are told of guessing from many places
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(catcher.caught()).anySatisfy(mail -> assertThat(mail.to())
				.containsExactly("other-" + otherAdmin.loginId() + "@city.example.jp")));

		// and the server console's reset opens the ID to every client again
		IssuedPassword reset = accounts.resetSystemAdminFromConsole(admin.loginId());
		assertThat(signIn("198.51.100.97", admin.loginId(), reset.password())).hasRedirectedUrl("/");
	}

	@Test
	void anOperationsManagerUnlocksTheirSenderForEveryClient() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff sender = fixtures.sender(manager);
		for (int i = 0; i < 5; i++) {
			letTheWaitPass(sender.loginId());
			signIn("203.0.113.9", sender.loginId(), "wrong-password-" + i);
		}
		assertThat(mvc.get().uri("/staff/" + sender.id()).with(manager.signedIn()).exchange()).bodyText()
			.contains("ログイン失敗によるロック");
		assertThat(mvc.post().uri("/staff/" + sender.id() + "/unlock").with(manager.signedIn()).with(csrf()).exchange())
			.hasStatus3xxRedirection();
		assertThat(signIn("203.0.113.9", sender.loginId(), sender.password())).hasRedirectedUrl("/");
	}

	@Test
	void unknownIdsAreCountedAndLockedLikeKnownOnes() {
		String unknown = "nobody-" + StaffFixtures.unique("x");
		for (int i = 0; i < 5; i++) {
			letTheWaitPass(unknown);
			signIn("203.0.113.10", unknown, "guess-" + i);
		}
		assertThat(auditDetails(unknown, "SIGN_IN_FAILED")).hasSize(5).containsOnly("unknown-id");
		assertThat(auditDetails(unknown, "ACCOUNT_LOCKED_OUT")).containsExactly("one-client");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_throttle WHERE login_key = :key")
			.param("key", throttle.loginKey(unknown))
			.query(Long.class)
			.single()).isEqualTo(2);
	}

}
