package jp.renraku.common;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import jp.renraku.RenrakuApplication;
import jp.renraku.account.AccountManagement;
import jp.renraku.account.IssuedPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main command runs on an H2 file database. It must outlive the connection
 * pool: when the pool retires every connection (HikariCP does so after 30 minutes), the
 * next sign-in still works and writes, and the health check keeps telling the truth. Runs
 * the embedded default URL exactly as the application properties give it, in a folder of
 * its own.
 */
class EmbeddedDatabaseTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@TempDir
	Path dataDir;

	@Test
	void signInStillWritesAfterThePoolHasRetiredEveryConnection() throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RenrakuApplication.class)
			.profiles("test")
			.run("--server.port=0", "--server.address=127.0.0.1", "--renraku.data-dir=" + dataDir,
					"--spring.datasource.url=${renraku.embedded-database-url}", "--spring.datasource.username=sa",
					"--spring.datasource.password=", "--management.endpoint.health.show-components=always")) {
			assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
			assertThat(Files.list(dataDir)).isNotEmpty();
			String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
			IssuedPassword issued = app.getBean(AccountManagement.class).resetSystemAdminFromConsole("admin");

			HikariDataSource pool = app.getBean(HikariDataSource.class);
			for (int round = 0; round < 3; round++) {
				pool.getHikariPoolMXBean().softEvictConnections();
				// the pool closes the retired connections and opens new ones
				Thread.sleep(500);
				HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
				assertThat(signIn(browser, base, issued.loginId(), issued.password()).statusCode())
					.as("sign-in after the pool retired its connections, round " + round)
					.isEqualTo(302);
				HttpResponse<String> health = browser.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(health.statusCode()).isEqualTo(200);
				assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
				assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"}").endsWith("\"status\":\"UP\"}");
			}
		}
	}

	@Test
	void theHealthCheckIsDownWhenItCannotWriteToTheDatabase() {
		DriverManagerDataSource empty = new DriverManagerDataSource("jdbc:h2:mem:no-tables-" + UUID.randomUUID(), "sa",
				"");
		DatabaseHealth health = new DatabaseHealth(JdbcClient.create(empty),
				new TransactionTemplate(new DataSourceTransactionManager(empty)));
		assertThat(health.health(false).getStatus()).isEqualTo(Status.DOWN);
	}

	static HttpResponse<String> signIn(HttpClient browser, String base, String loginId, String password)
			throws Exception {
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
		String form = "username=" + encode(loginId) + "&password=" + encode(password) + "&_csrf="
				+ encode(csrf.group(1));
		HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return answer;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
