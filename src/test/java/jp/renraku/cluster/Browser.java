package jp.renraku.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser with its own cookies, sending each request to the node it is told, as a
 * load balancer without sticky sessions would: pages are fetched, and forms are posted
 * with the CSRF token of the page they came from. Redirects are not followed.
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Fetches the page with the form from one node, then posts the fields (name, value,
	 * …) with the page's CSRF token to the node given.
	 */
	HttpResponse<String> submit(int pagePort, String pagePath, int postPort, String postPath, String... fields)
			throws IOException, InterruptedException {
		HttpResponse<String> page = get(pagePort, pagePath);
		Matcher token = CSRF.matcher(page.body());
		if (!token.find()) {
			throw new IllegalStateException("no form at " + pagePath + " (" + page.statusCode() + " "
					+ page.headers().firstValue("Location").orElse("") + ")");
		}
		StringBuilder form = new StringBuilder("_csrf=").append(encode(token.group(1)));
		for (int i = 0; i < fields.length; i += 2) {
			form.append('&').append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		return http.send(HttpRequest.newBuilder(uri(postPort, postPath))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
