package jp.renraku.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.logging.logback.ColorConverter;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18: no registrant's address or token in a log line, whatever the log format. The
 * text pattern of application.properties and each JSON format of Spring Boot are run on a
 * line whose message and exception name an address and a personal link, as Jakarta Mail
 * and a relay word them; what comes out names neither, and still says what happened.
 */
class LogMaskingTest {

	private static final String ADDRESS = "taro..yamada.@docomo.ne.jp";

	private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

	private static Properties applicationProperties() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = LogMaskingTest.class.getResourceAsStream("/application.properties")) {
			properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	/**
	 * A line as a refused send gives it: the relay's words in the message and the cause.
	 */
	private static LoggingEvent refusedSend(LoggerContext context) {
		Logger logger = context.getLogger("jp.renraku.delivery.Test");
		AddressException unparsable = new AddressException("Illegal address", "<" + ADDRESS + ">x", 3);
		RuntimeException ex = new IllegalStateException(
				"550 5.1.1 <hanako@example.jp>: user unknown, link https://city.example.jp/c/" + TOKEN, unparsable);
		LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.WARN,
				"Mail to {} not sent; manage at /m/{} or /r/list/confirm?t={}", ex,
				new Object[] { ADDRESS, TOKEN, TOKEN });
		event.setMDCPropertyMap(Map.of("requestId", "abc123-1"));
		return event;
	}

	private static void assertRedacted(String line) {
		assertThat(line).doesNotContain(ADDRESS)
			.doesNotContain("hanako@example.jp")
			.doesNotContain("yamada")
			.doesNotContain(TOKEN)
			.contains("[address]")
			.contains("[token]")
			.contains("user unknown")
			.contains("AddressException")
			.contains("abc123-1");
	}

	@Test
	void theTextPatternHidesAddressesAndTokensInMessageAndStack() throws Exception {
		LoggerContext context = new LoggerContext();
		context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, Map.of("clr", ColorConverter.class.getName(), "wEx",
				ExtendedWhitespaceThrowableProxyConverter.class.getName()));
		for (String name : new String[] { "logging.pattern.console", "logging.pattern.file" }) {
			PatternLayout layout = new PatternLayout();
			layout.setContext(context);
			layout.setPattern(applicationProperties().getProperty(name));
			layout.start();
			String line = layout.doLayout(refusedSend(context));
			assertRedacted(line);
			// one stack, the redacted one (no second, raw one appended by Logback)
			assertThat(line.split("AddressException", -1)).as(line).hasSize(2);
			assertThat(line).contains("\tat jp.renraku.common.LogMaskingTest");
		}
	}

	@Test
	void theTextPatternsAreRedactedsOwn() throws Exception {
		String pattern = applicationProperties().getProperty("logging.pattern.console");
		assertThat(pattern).contains("{'" + Redacted.ADDRESS + "', '[address]'}")
			.contains("{'" + Redacted.TOKEN + "', '[token]'}");
		assertThat(applicationProperties().getProperty("logging.pattern.file")).contains(Redacted.ADDRESS)
			.contains(Redacted.TOKEN);
		assertThat(applicationProperties().getProperty("logging.structured.json.customizer"))
			.isEqualTo(RedactedLogFields.class.getName());
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void everyJsonFormatHidesAddressesAndTokensInMessageAndStack(String format) throws Exception {
		LoggerContext context = new LoggerContext();
		MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.json.customizer",
				applicationProperties().getProperty("logging.structured.json.customizer"));
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		String line = new String(encoder.encode(refusedSend(context)), StandardCharsets.UTF_8);
		assertThat(line).startsWith("{");
		assertRedacted(line);
	}

	@Test
	void addressesOfEveryShapeAreHiddenAndCodeIsNot() {
		for (String address : new String[] { "taro@example.jp", ".b.@docomo.ne.jp", "a+b@sub.example.co.jp",
				"bounce+" + "0a".repeat(26) + "@bounce.example.jp", "山田@例え.jp", "x@ezweb.ne.jp" }) {
			assertThat(Redacted.text("to <" + address + ">: 550")).as(address).isEqualTo("to <[address]>: 550");
			assertThat(Redacted.text("rcpt=" + address + ".")).as(address).isEqualTo("rcpt=[address].");
		}
		for (String code : new String[] { "jp.renraku.Foo@1a2b3c", "at java.base@17.0.12/java.lang.Thread.run",
				"@Transactional", "Duration PT1M" }) {
			assertThat(Redacted.text(code)).isEqualTo(code);
		}
		assertThat(Redacted.text("GET /c/" + TOKEN + " and /o/x.png, /r/list?t=" + TOKEN + "&lang=en"))
			.isEqualTo("GET /c/[token] and /o/[token], /r/list?t=[token]&lang=en");
	}

	@Test
	void anExceptionIsToldWithItsCausesRedacted() {
		assertThatThrownBy(() -> new InternetAddress("taro.yamada@@example.jp", true)).satisfies(ex -> {
			assertThat(ex.toString()).contains("yamada");
			String told = Redacted.of(new IllegalStateException("send failed", ex));
			assertThat(told).contains("AddressException").contains("caused by").doesNotContain("yamada");
		});
	}

}
