package jp.renraku.account;

import java.util.List;

import jp.renraku.StatementRecording;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A refused sign-in must not tell by its work whether the ID exists (issue 12: a known ID
 * used to cost an extra update and select, measurable at ~4.6 ms). Every SQL statement a
 * refusal runs is recorded; an unknown ID, a known ID with a wrong password and a retired
 * account's ID run the same statements in the same order, and each checks one password
 * hash.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(StatementRecording.class)
class SignInWorkTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	AccountManagement accounts;

	private List<String> statementsOf(String loginId, String password) {
		StatementRecording.STATEMENTS.clear();
		StatementRecording.recording = true;
		try {
			assertThat(mvc.post()
				.uri("/login")
				.param("username", loginId)
				.param("password", password)
				.with(csrf())
				.exchange()).hasRedirectedUrl("/login?error");
			return List.copyOf(StatementRecording.STATEMENTS);
		}
		finally {
			StatementRecording.recording = false;
		}
	}

	@Test
	void aRefusalRunsTheSameStatementsWhetherOrNotTheIdExists() {
		TestStaff manager = fixtures.manager(fixtures.body());
		TestStaff retired = fixtures.sender(manager);
		accounts.retire(manager.staff(), retired.id());

		List<String> unknown = statementsOf("nobody-" + StaffFixtures.unique("x"), "some-password-1");
		List<String> wrongPassword = statementsOf(manager.loginId(), "some-password-1");
		List<String> retiredId = statementsOf(retired.loginId(), retired.password());

		assertThat(unknown).isNotEmpty().anySatisfy(sql -> assertThat(sql).contains("sign_in_throttle"));
		assertThat(wrongPassword).isEqualTo(unknown);
		assertThat(retiredId).isEqualTo(unknown);
	}

}
