package jp.renraku;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: two nodes on one database, as behind a load balancer without sticky sessions.
 * This test's application is node A; node B is a second application context on the same
 * database (the same in-memory H2, or the PostgreSQL of the test run), each with its own
 * server. A browser signs in on A and goes on on B; a CSV uploaded on A is confirmed on
 * B; a sign-out on B ends the session on A.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SharedSessionTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static @Nullable ConfigurableApplicationContext nodeB;

	@LocalServerPort
	int portA;

	int portB;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registrations;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeEach
	void secondNode() {
		if (nodeB == null) {
			nodeB = new SpringApplicationBuilder(RenrakuApplication.class).profiles("test")
				.properties("server.port=0")
				.initializers(context -> context.getBeanFactory()
					.registerSingleton("testConfigurationsLeftOut", new TestConfigurationsLeftOut()))
				.run();
		}
		portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
	}

	@AfterAll
	static void stopSecondNode() {
		if (nodeB != null) {
			nodeB.close();
			nodeB = null;
		}
	}

	@Test
	void aSessionBegunOnOneNodeGoesOnOnTheOtherAndEndsOnBoth() throws Exception {
		TestStaff manager = staff.manager(staff.body());
		Browser browser = new Browser();
		browser.signIn(portA, manager);
		String session = browser.sessionId();
		assertThat(jdbc.sql("SELECT principal_name FROM spring_session WHERE session_id = :id")
			.param("id", session)
			.query(String.class)
			.single()).isEqualTo(manager.loginId());

		HttpResponse<String> home = browser.get(portB, "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains(manager.loginId());
		assertThat(browser.sessionId()).isEqualTo(session);

		String oldCookie = browser.cookie;
		HttpResponse<String> logout = browser.post(portB, "/logout", Map.of("_csrf", browser.csrf(portA, "/")));
		assertThat(logout.headers().firstValue("Location")).hasValue("/login?logout");
		assertThat(BrowserSession.stored(jdbc, session)).isFalse();
		assertThat(browser.cookie).isNull();

		Browser stale = new Browser();
		stale.cookie = oldCookie;
		HttpResponse<String> after = stale.get(portA, "/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location")).hasValue("/login?timeout");
	}

	@Test
	void aCsvUploadedOnOneNodeIsConfirmedOnTheOther() throws Exception {
		TestStaff manager = staff.manager(staff.body());
		RegistrationList list = registrations.list(manager);
		Browser browser = new Browser();
		browser.signIn(portA, manager);
		String email = "two-nodes-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		String csv = "メールアドレス,氏名,ふりがな,学年・組,分類:気象警報,分類:避難情報,分類:防犯,連絡してほしい時間帯\r\n" + email + ",二 節子,ふた,1年1組,1,,,夜\r\n";

		HttpResponse<String> preview = browser.upload(portA, "/lists/" + list.id() + "/import",
				browser.csrf(portA, "/lists/" + list.id() + "/import"), csv.getBytes(StandardCharsets.UTF_8));
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("1行を取り込む");
		assertThat(uploads(list)).isEqualTo(1);

		HttpResponse<String> confirmed = browser.post(portB, "/lists/" + list.id() + "/import/confirm",
				Map.of("_csrf", tokenOn(preview.body())));
		assertThat(confirmed.headers().firstValue("Location")).hasValue("/lists/" + list.id() + "/registrants");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :list AND email = :email")
			.param("list", list.id())
			.param("email", email)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(uploads(list)).as("the upload after its confirmation").isZero();
	}

	private long uploads(RegistrationList list) {
		return jdbc.sql("SELECT COUNT(*) FROM csv_upload WHERE list_id = :list")
			.param("list", list.id())
			.query(Long.class)
			.single();
	}

	private static String tokenOn(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	/** A browser's one cookie that matters here: the session's. */
	private final class Browser {

		@Nullable String cookie;

		String sessionId() {
			assertThat(cookie).as("a session cookie").isNotNull();
			return BrowserSession.decode(cookie);
		}

		void signIn(int port, TestStaff who) throws Exception {
			HttpResponse<String> page = get(port, "/login");
			HttpResponse<String> signedIn = post(port, "/login",
					Map.of("username", who.loginId(), "password", who.password(), "_csrf", tokenOn(page.body())));
			assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
		}

		String csrf(int port, String path) throws Exception {
			return tokenOn(get(port, path).body());
		}

		HttpResponse<String> get(int port, String path) throws Exception {
			return send(request(port, path).GET());
		}

		HttpResponse<String> post(int port, String path, Map<String, String> fields) throws Exception {
			String form = fields.entrySet()
				.stream()
				.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(request(port, path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		}

		/**
		 * Posts the file as the import page's form does (multipart, the token a field).
		 */
		HttpResponse<String> upload(int port, String path, String csrf, byte[] file) throws Exception {
			String boundary = "----renraku" + UUID.randomUUID();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf
					+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nauto\r\n--"
					+ boundary
					+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\nContent-Type: text/csv\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(request(port, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		}

		private HttpRequest.Builder request(int port, String path) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
			if (cookie != null) {
				request.header("Cookie", BrowserSession.COOKIE + "=" + cookie);
			}
			return request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpResponse<String> response = http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			for (String set : response.headers().allValues("Set-Cookie")) {
				if (set.startsWith(BrowserSession.COOKIE + "=")) {
					String value = set.substring(BrowserSession.COOKIE.length() + 1, set.indexOf(';'));
					cookie = value.isEmpty() || set.contains("Max-Age=0") ? null : value;
				}
			}
			return response;
		}

	}

	/**
	 * Leaves the tests' own configurations ({@code @TestConfiguration}) out of node B, as
	 * Spring Boot's test support leaves them out of a test's context: node B is the
	 * application as it runs.
	 */
	static final class TestConfigurationsLeftOut extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			if (reader.getAnnotationMetadata().isAnnotated(TestConfiguration.class.getName())) {
				return true;
			}
			String enclosing = reader.getClassMetadata().getEnclosingClassName();
			return enclosing != null && match(factory.getMetadataReader(enclosing), factory);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TestConfigurationsLeftOut;
		}

		@Override
		public int hashCode() {
			return TestConfigurationsLeftOut.class.hashCode();
		}

	}

}
