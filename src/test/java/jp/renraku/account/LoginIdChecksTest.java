package jp.renraku.account;

import java.time.Clock;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.RateLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusals of taken login IDs are counted for the whole city (issue 18): an
 * operations manager whose requests go to two nodes gets ten an hour, not twenty.
 */
@RenrakuIntegrationTest
class LoginIdChecksTest {

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	InstallationSecret secret;

	@Autowired
	Clock clock;

	private LoginIdChecks node() {
		return new LoginIdChecks(accounts, audit, new RateLimits(jdbc, secret, clock));
	}

	@Test
	void refusalsOnTwoNodesCountAsOnOne() {
		LoginIdChecks a = node();
		LoginIdChecks b = node();
		TestStaff manager = fixtures.manager(fixtures.body());
		String taken = fixtures.sender(fixtures.manager(fixtures.body())).loginId();
		for (int i = 0; i < LoginIdChecks.REFUSALS_PER_HOUR; i++) {
			assertThat((i % 2 == 0 ? a : b).refusal(manager.staff(), taken)).as("check " + i)
				.contains("account.error.loginIdUnavailable");
		}
		String free = StaffFixtures.unique("free");
		assertThat(a.refusal(manager.staff(), free)).contains("account.error.loginIdChecksExhausted");
		assertThat(b.refusal(manager.staff(), free)).contains("account.error.loginIdChecksExhausted");
	}

}
