package jp.renraku.common;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path no page has answers the app's own 404 page, in Japanese first (English on
 * request), telling nothing, to anonymous visitors and signed-in staff alike; a real
 * staff page still sends anonymous visitors to sign in (issue 16: an unknown path sent
 * them to the staff login). A real server, because error pages are the container's error
 * dispatch; the same context as {@link ErrorPagesTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ErrorPagesTest.Failing.class)
class UnknownPathTest {

	private static final List<String> TELLTALES = List.of("Whitelabel", "Spring", "Tomcat", "Exception", "at jp.",
			"Thymeleaf", "Java", "H2", "PostgreSQL", "stack");

	private static final List<String> UNKNOWN = List.of("/nope", "/foo/bar", "/admin/nope", "/notices-old");

	@LocalServerPort
	int port;

	@Autowired
	StaffFixtures staff;

	private static HttpClient client() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager())
			.build();
	}

	private HttpResponse<String> get(HttpClient http, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static void assertTheNotFoundPage(String path, HttpResponse<String> response, String title) {
		assertThat(response.statusCode()).as(path).isEqualTo(404);
		assertThat(response.body()).as(path).contains(title).contains("lang=\"");
		String text = ErrorPagesTest.withoutTokens(response.body());
		for (String telltale : TELLTALES) {
			assertThat(text).as(path + " " + telltale).doesNotContainIgnoringCase(telltale);
		}
	}

	@Test
	void anAnonymousVisitorAtAnUnknownPathGetsTheNotFoundPageNotTheSignIn() throws Exception {
		HttpClient http = client();
		for (String path : UNKNOWN) {
			HttpResponse<String> response = get(http, path);
			assertTheNotFoundPage(path, response, "ページが見つかりません");
			assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
		}
		assertTheNotFoundPage("/nope?lang=en", get(http, "/nope?lang=en"), "Page not found");
	}

	/** Issue 18: sessions are rows in the database; a scanner's guesses write none. */
	@Test
	void anUnknownPathLeavesNoSessionBehind(@Autowired JdbcClient jdbc) throws Exception {
		long start = System.currentTimeMillis();
		HttpClient http = client();
		for (String path : UNKNOWN) {
			assertThat(get(http, path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE creation_time BETWEEN :since AND :now")
			.param("since", start)
			.param("now", System.currentTimeMillis())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void realStaffPagesStillSendAnonymousVisitorsToSignIn() throws Exception {
		HttpClient http = client();
		for (String path : List.of("/", "/notices", "/notices/12345", "/lists/1/registrants", "/admin/bodies")) {
			HttpResponse<String> response = get(http, path);
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(path).hasValue("/login");
		}
	}

	@Test
	void signedInStaffAtAnUnknownPathGetTheSameNotFoundPage() throws Exception {
		TestStaff manager = staff.manager(staff.body());
		HttpClient http = client();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(http, "/login").body());
		assertThat(csrf.find()).isTrue();
		String form = "username=" + URLEncoder.encode(manager.loginId(), StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(manager.password(), StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> signIn = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(signIn.headers().firstValue("Location")).hasValue("/");
		assertThat(get(http, "/").statusCode()).isEqualTo(200);
		for (String path : List.of("/nope", "/foo/bar")) {
			assertTheNotFoundPage(path, get(http, path), "ページが見つかりません");
		}
	}

}
