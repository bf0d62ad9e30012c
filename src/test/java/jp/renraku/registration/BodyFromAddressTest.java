package jp.renraku.registration;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StaffRequests;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.CarrierLetters;
import jp.renraku.mail.MailCatcher;
import jp.renraku.mail.MailSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Where the operator allows a body its own From address (renraku.mail.sender-domains),
 * that address, not the installation's, is the one its residents are told to allow; a
 * body without one keeps the installation's.
 */
@RenrakuIntegrationTest
@TestPropertySource(properties = "renraku.mail.sender-domains=city.example.jp")
class BodyFromAddressTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	MailSettings mail;

	@Test
	void aBodysOwnFromAddressReplacesTheInstallationsOnThePages() {
		TestStaff manager = staff.manager(staff.body());
		assertThat(StaffRequests.post(mvc, manager, "/sender", "displayName", "養父市教育委員会", "fromAddress",
				"kyoiku@city.example.jp"))
			.hasRedirectedUrl("/sender");
		RegistrationList list = fixtures.list(manager);
		fixtures.resetAttempts();

		MvcTestResult start = mvc.get().uri("/r/" + list.publicToken()).exchange();
		assertThat(AllowListTest.allowed(start)).isEqualTo("kyoiku@city.example.jp");
		assertThat(start).bodyText().contains("配信元: 養父市教育委員会");
		String email = StaffFixtures.unique("own") + "@example.jp";
		MvcTestResult sent = mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange();
		assertThat(AllowListTest.allowed(sent)).isEqualTo("kyoiku@city.example.jp");
		// and the mail itself: the body's address in From, the envelope sender unchanged
		MailCatcher.CaughtMail mailed = fixtures.mailTo(email);
		assertThat(mailed.from()).isEqualTo("養父市教育委員会 <kyoiku@city.example.jp>");
		assertThat(CarrierLetters.header(mailed.raw().substring(0, mailed.raw().indexOf("\r\n\r\n")), "Return-Path"))
			.doesNotContain("kyoiku@");

		RegistrationList another = fixtures.list(staff.manager(staff.body()));
		assertThat(AllowListTest.allowed(mvc.get().uri("/r/" + another.publicToken()).exchange()))
			.as("a body without its own address")
			.isEqualTo(mail.fromAddress());
	}

}
