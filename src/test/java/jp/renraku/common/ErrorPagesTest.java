package jp.renraku.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.renraku.BrowserSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Art. 13: no stack trace, framework name or version in any response, including the
 * errors the servlet container answers itself. Runs a real server, because error pages
 * are rendered by the container's error dispatch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ErrorPagesTest.Failing.class)
class ErrorPagesTest {

	private static final List<String> TELLTALES = List.of("Whitelabel", "Spring", "Tomcat", "Exception", "at jp.",
			"Thymeleaf", "Java", "H2", "PostgreSQL", "stack");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * The page without its random tokens (the CSRF token in a value or content attribute,
	 * nonces): a token may happen to hold "h2" or "java", which tells nothing.
	 */
	static String withoutTokens(String page) {
		return page.replaceAll("(value|content|nonce)=\"[A-Za-z0-9_+/=-]{20,}\"", "$1=\"\"");
	}

	private static void assertTellsNothing(HttpResponse<String> response) {
		String text = withoutTokens(response.body());
		for (String telltale : TELLTALES) {
			assertThat(text).as(telltale).doesNotContainIgnoringCase(telltale);
		}
		assertThat(response.headers().firstValue("Server")).isEmpty();
		assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
	}

	@Test
	void notFoundIsAJapanesePageThatTellsNothing() throws Exception {
		HttpResponse<String> response = get("/css/no-such-file.css");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("ページが見つかりません");
		assertTellsNothing(response);
	}

	@Test
	void theLanguageLinkOfAnErrorPageLeadsToTheSamePageInTheOtherLanguage() throws Exception {
		HttpResponse<String> japanese = get("/css/no-such-file.css?v=2");
		assertThat(japanese.body()).contains("href=\"/css/no-such-file.css?v=2&amp;lang=en\"")
			.doesNotContain("/error?lang");
		HttpResponse<String> english = get("/css/no-such-file.css?v=2&lang=en");
		assertThat(english.statusCode()).isEqualTo(404);
		assertThat(english.body()).contains("Page not found")
			.contains("href=\"/css/no-such-file.css?v=2&amp;lang=ja\"");
		assertTellsNothing(english);
		HttpResponse<String> failed = get("/test/failing?lang=en");
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("href=\"/test/failing?lang=ja\"");
	}

	@Test
	void requestRejectedByTheFirewallTellsNothing() throws Exception {
		HttpResponse<String> response = get("/login/..;/admin");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("リクエストを処理できません");
		assertTellsNothing(response);
	}

	@Test
	void serverErrorIsAJapanesePageWithoutTheException() throws Exception {
		HttpResponse<String> response = get("/test/failing");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("エラーが発生しました").doesNotContain("secret-detail");
		assertTellsNothing(response);
	}

	/** A request written by hand, for what no client library sends; the raw answer. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void malformedRequestAnsweredByTheContainerTellsNothingAndCarriesTheSecurityHeaders() throws IOException {
		for (String request : List.of("GET /% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET / HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n")) {
			String response = raw(request);
			assertThat(response).as(request).startsWith("HTTP/1.1 " + (request.contains("9.9") ? "505" : "400"));
			for (String telltale : TELLTALES) {
				assertThat(response).as(telltale).doesNotContainIgnoringCase(telltale);
			}
			String headers = response.substring(0, response.indexOf("\r\n\r\n"));
			assertThat(headers).as(request)
				.contains("Content-Security-Policy: default-src 'self'")
				.contains("X-Frame-Options: DENY")
				.contains("X-Content-Type-Options: nosniff")
				.contains("Cache-Control: no-cache, no-store");
		}
		assertThat(raw("GET /% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).contains("リクエストを処理できません");
	}

	@Test
	void redirectsNameOnlyAPathNeverTheHostTheRequestGave() throws IOException {
		for (String path : List.of("/", "/staff", "/notices")) {
			String response = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
			assertThat(response).as(path).startsWith("HTTP/1.1 302").doesNotContain("evil.example");
			assertThat(response).as(path).containsPattern("(?i)\r\nLocation: /login\r\n");
		}
		String failedSignIn = raw("POST /login HTTP/1.1\r\nHost: evil.example\r\nContent-Type: "
				+ "application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(failedSignIn).doesNotContain("evil.example");
	}

	@Test
	void healthAnswersPlainJson() throws Exception {
		for (String path : List.of("/readyz", "/livez")) {
			HttpResponse<String> health = get(path);
			assertThat(health.statusCode()).as(path).isEqualTo(200);
			assertThat(health.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
			assertThat(health.body()).as(path).endsWith("\"status\":\"UP\"}");
			assertTellsNothing(health);
		}
	}

	@Test
	void everyPageCarriesTheSecurityHeaders() throws Exception {
		for (String path : List.of("/login", "/no-such-page", "/css/renraku.css")) {
			HttpResponse<String> response = get(path);
			var headers = response.headers();
			assertThat(headers.firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'")
					.contains("frame-ancestors 'none'")
					.doesNotContain("unsafe-inline"));
			assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(headers.firstValue("Referrer-Policy")).as(path).isPresent();
		}
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSite() throws Exception {
		HttpResponse<String> response = get("/login");
		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy(cookie -> assertThat(cookie).startsWith(BrowserSession.COOKIE + "=")
				.contains("HttpOnly")
				.contains("SameSite=Lax")
				.doesNotContain("Secure"));
		assertThat(response.headers().allValues("Set-Cookie"))
			.noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID"));
	}

	@Test
	void sessionCookieIsSecureBehindTls(@Autowired CookieSerializer cookies) {
		// behind TLS the request is secure (directly, or through the proxy's forwarded
		// headers with RENRAKU_FORWARD_HEADERS), and the session cookie follows it
		for (boolean secure : new boolean[] { true, false }) {
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setSecure(secure);
			MockHttpServletResponse response = new MockHttpServletResponse();
			cookies.writeCookieValue(new CookieSerializer.CookieValue(request, response, "x"));
			assertThat(response.getHeader("Set-Cookie").contains("; Secure")).as("secure: " + secure).isEqualTo(secure);
		}
	}

	@Test
	void idleSessionsExpireAfterFifteenMinutes(@Autowired JdbcClient jdbc) throws Exception {
		String cookie = get("/login").headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith(BrowserSession.COOKIE + "="))
			.findFirst()
			.orElseThrow();
		String id = BrowserSession.decode(cookie.substring(BrowserSession.COOKIE.length() + 1, cookie.indexOf(';')));
		assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(15 * 60);
	}

	@Test
	void pagesHaveNoInlineScript() throws Exception {
		assertThat(get("/login").body()).doesNotContain("<script").doesNotContain("style=\"").doesNotContain("onclick");
	}

	@TestConfiguration
	static class Failing {

		@RestController
		static class FailingController {

			@GetMapping("/test/failing")
			String fail() {
				throw new IllegalStateException("secret-detail");
			}

		}

		@Bean
		@Order(0)
		SecurityFilterChain testChain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/test/**").authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
		}

	}

}
