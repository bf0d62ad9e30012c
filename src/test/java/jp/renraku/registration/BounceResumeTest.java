package jp.renraku.registration;

import java.time.Instant;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailCatcher;
import jp.renraku.delivery.RecipientDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * An address stopped for bouncing is stopped on every list of its body, and comes back
 * only when its owner proves it receives mail again: a confirmation mailed to it, whose
 * link (a button, 24 hours, signed) resumes every registration that was stopped.
 */
@RenrakuIntegrationTest
class BounceResumeTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	RecipientDirectory directory;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PersonalLinks links;

	String email;

	long first;

	String manageLink;

	TestStaff manager;

	@BeforeEach
	void registeredOnTwoListsThenStopped() {
		manager = staff.manager(staff.body());
		RegistrationList one = fixtures.list(manager);
		RegistrationList two = fixtures.list(manager);
		email = StaffFixtures.unique("r") + "@example.jp";
		catcher.clear();
		first = fixtures.registrant(one, email, "再開 花子", "1年1組");
		manageLink = RegistrationFixtures.link(fixtures.mailTo(email), "/m/");
		fixtures.registrant(two, email, "再開 花子", "1年1組");
		assertThat(directory.disableBouncing(first, "宛先不明などで届きませんでした: 5.1.1", Instant.now())).isTrue();
		assertThat(directory.disableBouncing(first, "again", Instant.now())).isFalse();
		catcher.clear();
	}

	private long stopped() {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE email = :e AND bounce_disabled_at IS NOT NULL")
			.param("e", email)
			.query(Long.class)
			.single();
	}

	@Test
	void theOwnerResumesFromAConfirmationMailedToTheAddress() {
		assertThat(stopped()).isEqualTo(2);
		assertThat(directory.find(java.util.List.of(first))).isEmpty();
		assertThat(mvc.get().uri(manageLink).exchange()).bodyText().contains("配信を止めています");

		assertThat(mvc.post().uri(manageLink + "/resume-request").with(csrf()).exchange()).hasStatusOk()
			.bodyText()
			.contains("確認メールを送りました");
		String resume = RegistrationFixtures.link(fixtures.mailTo(email), "/m/");
		assertThat(resume).contains("/resume/");
		// opening records nothing
		assertThat(mvc.get().uri(resume).exchange()).hasStatusOk().bodyText().contains("配信を再開する");
		assertThat(stopped()).isEqualTo(2);
		// a forged or cut link resumes nothing
		assertThat(mvc.post().uri(resume.substring(0, resume.length() - 2) + "xx").with(csrf()).exchange()).bodyText()
			.contains("このリンクは使えません");
		assertThat(mvc.post().uri(manageLink + "/resume/1.abc").with(csrf()).exchange()).bodyText()
			.contains("このリンクは使えません");
		assertThat(stopped()).isEqualTo(2);

		assertThat(mvc.post().uri(resume).with(csrf()).exchange()).bodyText().contains("配信を再開しました");
		assertThat(stopped()).isZero();
		assertThat(directory.find(java.util.List.of(first))).containsKey(first);
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANT_BOUNCE_RESUMED' AND target = :t")
			.param("t", "registrant:" + first)
			.query(String.class)
			.single()).isEqualTo("registrations:2");
	}

	@Test
	void theOperationsManagerOfTheBodyMayResumeItOthersMayNot() {
		TestStaff stranger = staff.manager(staff.body());
		assertThat(jp.renraku.StaffRequests.post(mvc, stranger, "/registrants/" + first + "/resume-bounced"))
			.hasStatus(404);
		assertThat(stopped()).isEqualTo(2);
		assertThat(mvc.get().uri("/registrants/bounced").with(manager.signedIn()).exchange()).bodyText()
			.contains(email)
			.contains("5.1.1");
		assertThat(jp.renraku.StaffRequests.post(mvc, manager, "/registrants/" + first + "/resume-bounced"))
			.hasStatus3xxRedirection();
		assertThat(stopped()).isZero();
	}

	@Test
	void anExpiredLinkResumesNothing() {
		long past = Instant.now().minusSeconds(60).getEpochSecond();
		String nonce = jdbc.sql("SELECT link_nonce FROM registrant WHERE id = :id")
			.param("id", first)
			.query(String.class)
			.single();
		assertThat(links.resumeValid(first, nonce, links.resumeToken(first, nonce, past), Instant.now())).isFalse();
		assertThat(links.resumeValid(first, nonce, links.resumeToken(first, nonce, past + 3600), Instant.now()))
			.isTrue();
	}

}
