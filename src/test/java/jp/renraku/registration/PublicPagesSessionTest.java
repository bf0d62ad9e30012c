package jp.renraku.registration;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.Cookie;
import jp.renraku.BrowserSession;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.account.StaffFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: sessions are rows in the database, so residents' pages must not write one per
 * visit. Pages without a form (and the confirmation links, see ReceiptTest) begin no
 * session; a page with a form keeps its CSRF token in a session, one per visitor, not one
 * per request.
 */
@RenrakuIntegrationTest
class PublicPagesSessionTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	RegistrationList list;

	@BeforeEach
	void aList() {
		TestStaff manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		fixtures.resetAttempts();
	}

	/** Sessions begun from the time (epoch milliseconds) until now. */
	private long sessionsSince(long millis) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE creation_time BETWEEN :since AND :now")
			.param("since", millis)
			.param("now", Instant.now().toEpochMilli())
			.query(Long.class)
			.single();
	}

	@Test
	void publicPagesWithoutAFormBeginNoSession() {
		String registration = "/r/" + list.publicToken();
		for (String path : List.of(registration + "/mail", registration + "/confirm?t=no-such-token", "/r/no-such-list",
				"/m/no-such-token", "/m/no-such-token/stop", "/m/preview/unsubscribe", "/c/no-such-token",
				"/o/no-such-token", "/no-such-page", "/admin/no-such-page", "/css/renraku.css", "/actuator/health")) {
			long start = Instant.now().toEpochMilli();
			MvcTestResult result = mvc.get().uri(path).exchange();
			Cookie cookie = result.getResponse().getCookie(BrowserSession.COOKIE);
			assertThat(cookie == null || cookie.getMaxAge() == 0).as(path + ": a session cookie").isTrue();
			assertThat(sessionsSince(start)).as(path + ": sessions written").isZero();
		}
	}

	@Test
	void theRegistrationFormKeepsItsCsrfTokenInOneSessionPerVisitor() {
		String page = "/r/" + list.publicToken();
		long start = Instant.now().toEpochMilli();
		for (int visitor = 0; visitor < 3; visitor++) {
			assertThat(mvc.get().uri(page).exchange()).hasStatusOk().bodyText().contains("name=\"_csrf\"");
		}
		assertThat(sessionsSince(start)).isEqualTo(3);

		BrowserSession resident = new BrowserSession();
		long again = Instant.now().toEpochMilli();
		for (int reload = 0; reload < 3; reload++) {
			assertThat(resident.keep(mvc.get().uri(page).with(resident).exchange())).hasStatusOk();
		}
		assertThat(sessionsSince(again)).isEqualTo(1);
	}

}
