package jp.renraku.registration;

import java.time.Clock;
import java.time.Duration;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.RateLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration limits as rules, with the defaults a city gets, counted in the test
 * database as on a city's nodes.
 */
@RenrakuIntegrationTest
class RegistrationAttemptsTest {

	private final RegistrationLimits defaults = new RegistrationLimits(10, 100, 3, Duration.ofMinutes(15), 3, 10, 60);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InstallationSecret secret;

	@Autowired
	Clock clock;

	private RegistrationAttempts attempts;

	@BeforeEach
	void noCounts() {
		attempts = new RegistrationAttempts(defaults, new RateLimits(jdbc, secret, clock));
		attempts.reset();
	}

	@Test
	void oneClientMayAskForSixtyConfirmationMailsAnHour() {
		for (int i = 0; i < 60; i++) {
			assertThat(attempts.mailAllowed("203.0.113.1")).as("mail " + i).isTrue();
		}
		assertThat(attempts.mailAllowed("203.0.113.1")).isFalse();
		assertThat(attempts.mailAllowed("203.0.113.2")).as("another client").isTrue();
	}

	@Test
	void tenWrongPasswordsShutOneClientOutOfOneListOnly() {
		for (int i = 0; i < 10; i++) {
			assertThat(attempts.allowed(1, "c")).isTrue();
			attempts.failed(1, "c");
		}
		assertThat(attempts.allowed(1, "c")).isFalse();
		assertThat(attempts.allowed(2, "c")).isTrue();
		assertThat(attempts.allowed(1, "d")).isTrue();
	}

	@Test
	void aGuessedListGivesEachClientThreeTriesAndIsReportedOnce() {
		int reports = 0;
		for (int client = 0; client < 25; client++) {
			for (int i = 0; i < 4; i++) {
				reports += attempts.failed(7, "c" + client) ? 1 : 0;
			}
		}
		assertThat(reports).isEqualTo(1);
		assertThat(attempts.allowed(7, "c0")).as("used four").isFalse();
		assertThat(attempts.allowed(7, "new")).as("a newcomer still may").isTrue();
		attempts.failed(7, "new");
		attempts.failed(7, "new");
		assertThat(attempts.allowed(7, "new")).isTrue();
		attempts.failed(7, "new");
		assertThat(attempts.allowed(7, "new")).isFalse();
		assertThat(attempts.allowed(8, "c0")).as("another list").isTrue();
	}

}
