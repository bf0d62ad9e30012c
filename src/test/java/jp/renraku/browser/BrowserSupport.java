package jp.renraku.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The browser end-to-end harness: starts Renraku as a person would (its own fresh
 * database, the console captured to read the printed one-time password) and drives
 * Debian's headless Chromium over loopback. On a machine without Chromium the tests are
 * skipped with a message; under CI (CI=true) a missing browser is a failure.
 */
public final class BrowserSupport {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Pattern PASSWORD_LINE = Pattern.compile("one-time password\\s*:\\s*(\\S+)");

	private BrowserSupport() {
	}

	/** A running Renraku and what it printed while starting. */
	public record RunningApp(ConfigurableApplicationContext context, String console) implements AutoCloseable {

		public String baseUrl() {
			return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
		}

		public String printedPassword() {
			Matcher m = PASSWORD_LINE.matcher(console);
			if (!m.find()) {
				throw new IllegalStateException("no one-time password printed at start-up");
			}
			return m.group(1);
		}

		@Override
		public void close() {
			context.close();
		}

	}

	static RunningApp startApp() {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream tee = new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8);
		System.setOut(tee);
		try {
			// command-line arguments outrank the test profile, so this instance gets its
			// own
			// fresh database whatever the profile names
			ConfigurableApplicationContext context = new SpringApplicationBuilder(RenrakuApplication.class)
				.profiles("test")
				.run("--server.port=0", "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:browser-"
						+ UUID.randomUUID()
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
						"--spring.datasource.username=sa", "--spring.datasource.password=");
			return new RunningApp(context, captured.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(original);
		}
	}

	/** Writes to the console and to the capture. */
	private static final class Tee extends java.io.OutputStream {

		private final java.io.OutputStream first;

		private final java.io.OutputStream second;

		Tee(java.io.OutputStream first, java.io.OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			first.write(b);
			second.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			first.write(b, off, len);
			second.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			first.flush();
			second.flush();
		}

	}

	static Optional<Path> executable(String env, String... candidates) {
		String configured = System.getenv(env);
		if (configured != null && Files.isExecutable(Path.of(configured))) {
			return Optional.of(Path.of(configured));
		}
		for (String candidate : candidates) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Optional.of(Path.of(candidate));
			}
		}
		return Optional.empty();
	}

	/**
	 * Headless Chromium the size of a small phone, or a skip (a failure under CI) without
	 * one.
	 */
	static WebDriver chromium() throws IOException {
		Optional<Path> browser = executable("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser");
		Optional<Path> driver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
		if (browser.isEmpty() || driver.isEmpty()) {
			String message = "Browser tests need Debian's chromium and chromium-driver "
					+ "(apt-get install -y chromium chromium-driver); .ci/run installs them.";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=390,844", "--lang=ja",
				"--user-data-dir=" + Files.createTempDirectory("renraku-chromium"));
		// a Japanese phone: its Accept-Language asks for Japanese (the registration page
		// preselects the browser's language)
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return chrome;
	}

	static void screenshot(WebDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("screenshot " + name + " could not be saved: " + ex.getMessage());
		}
	}

	/** Keeps a screenshot of the page a failed browser test ended on. */
	static final class ScreenshotOnFailure implements TestWatcher {

		static WebDriver current;

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (current != null) {
				screenshot(current, "FAILED-" + context.getDisplayName().replaceAll("[^A-Za-z0-9_-]", "_"));
			}
		}

	}

}
