package jp.renraku.common;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: the operators' side. The Prometheus scrape and the full health answer on the
 * management port, with Renraku's meters; on the public port only the load balancer's
 * probes, which make no session, while the actuator's paths there are the application's
 * own 404 page; and a request id on every answer. A real server on random ports, because
 * the management server is a server of its own that MockMvc does not see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureMetrics
class OperationsEndpointsTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> get(int onPort, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Test
	void theManagementPortServesPrometheusWithRenrakusMeters() throws Exception {
		assertThat(managementPort).isNotEqualTo(port);
		HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("renraku_outbox_messages{kind=\"notice\",status=\"queued\"}")
			.contains("renraku_outbox_messages{kind=\"resident\",status=\"deferred\"}")
			.contains("renraku_delivery_messages_total{kind=\"notice\",outcome=\"sent\"}")
			.contains("renraku_delivery_messages_total{kind=\"resident\",outcome=\"failed\"}")
			.contains("renraku_confirmations_total{outcome=\"recorded\"}")
			.contains("renraku_bounces_total{reason=\"user_unknown\"}")
			.contains("renraku_signin_failures_total")
			.contains("renraku_signin_lockouts_total{scope=\"account\"}")
			.contains("renraku_delivery_time_seconds_bucket{group=\"other\",le=\"60.0\"}")
			.contains("jvm_memory_used_bytes{area=\"heap\"");
		// the outbox is read from the database: a number, not NaN
		assertThat(scrape.body()).containsPattern("renraku_outbox_messages\\{kind=\"notice\",status=\"queued\"} \\d");
		// every series the Grafana dashboard asks for is there
		Matcher asked = Pattern.compile("(renraku|jvm)_[a-z_]+")
			.matcher(Files.readString(Path.of("deploy/grafana/renraku.json")));
		while (asked.find()) {
			assertThat(scrape.body()).as("deploy/grafana/renraku.json")
				.containsPattern("(?m)^" + Pattern.quote(asked.group()) + "[{ ]");
		}
		HttpResponse<String> health = get(managementPort, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void thePublicPortRefusesTheActuatorWithItsOwnNotFoundPage() throws Exception {
		for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator", "/actuator/env")) {
			HttpResponse<String> refused = get(port, path, "Accept", "text/html");
			assertThat(refused.statusCode()).as(path).isEqualTo(404);
			// the page's language link names the path asked for; nothing else may
			assertThat(refused.body().replaceAll(Pattern.quote(path) + "\\?lang=[a-zA-Z-]+", "")).as(path)
				.contains("ページが見つかりません")
				.doesNotContain("renraku_")
				.doesNotContainIgnoringCase("spring")
				.doesNotContainIgnoringCase("tomcat")
				.doesNotContainIgnoringCase("prometheus");
		}
	}

	@Test
	void theLoadBalancerAsksThePublicPortWithoutMakingASession() throws Exception {
		for (String path : List.of("/readyz", "/livez")) {
			HttpResponse<String> probe = get(port, path);
			assertThat(probe.statusCode()).as(path).isEqualTo(200);
			assertThat(probe.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
			assertThat(probe.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
			assertThat(probe.headers().allValues("Set-Cookie")).as(path).isEmpty();
		}
	}

	@Test
	void everyAnswerCarriesARequestIdAndAPlainOneFromTheProxyIsKept() throws Exception {
		HttpResponse<String> made = get(port, "/login");
		assertThat(made.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying(id -> assertThat(id).matches("[0-9a-z]{6}-[0-9a-z]{1,10}"));
		assertThat(get(port, "/no-such-page").headers().firstValue("X-Request-Id")).isPresent()
			.isNotEqualTo(made.headers().firstValue("X-Request-Id"));
		assertThat(get(port, "/login", "X-Request-Id", "5f2b9c0e4d8a4b1f9e7c3a2d1b0e9f8a").headers()
			.firstValue("X-Request-Id")).hasValue("5f2b9c0e4d8a4b1f9e7c3a2d1b0e9f8a");
		for (String forged : List.of("x\" level=ERROR", "a".repeat(65), "taro@example.jp")) {
			assertThat(get(port, "/login", "X-Request-Id", forged).headers().firstValue("X-Request-Id"))
				.hasValueSatisfying(id -> assertThat(id).isNotEqualTo(forged).matches("[0-9a-z]{6}-[0-9a-z]+"));
		}
	}

}
