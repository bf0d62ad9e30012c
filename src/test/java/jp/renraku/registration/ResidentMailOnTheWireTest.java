package jp.renraku.registration;

import java.time.Instant;
import java.util.function.Supplier;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.RecipientDirectory;
import jp.renraku.mail.CarrierLetters;
import jp.renraku.mail.MailCatcher;
import jp.renraku.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Every mail of registration to a docomo, an au and a SoftBank phone (issue 14), as the
 * mail catcher got it: the confirmation link, already registered, welcome, waiting for
 * approval, approved, rejected, the link that resumes mail after a bounce, and stopped —
 * each ISO-2022-JP, from the body's name, with its contact at the end and the date in the
 * city's time; and a list's own name, tag and contact where it sets them.
 */
@RenrakuIntegrationTest
class ResidentMailOnTheWireTest {

	private static final String BODY_NAME = "養父市教育委員会";

	private static final String[] BODY_CONTACT = { "問い合わせ先: 学校教育課", "電話: 079-662-7601（平日 8時30分〜17時15分）" };

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	MailCatcher catcher;

	@Autowired
	RecipientDirectory directory;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	@BeforeEach
	void aBodyThatNamesItself() {
		manager = staff.manager(staff.body());
		assertThat(StaffRequests.post(mvc, manager, "/sender", "displayName", BODY_NAME, "section", "学校教育課", "phone",
				"079-662-7601", "hours", "平日 8時30分～17時15分"))
			.hasRedirectedUrl("/sender");
		fixtures.resetAttempts();
	}

	/** The one mail {@code step} sent to the address. */
	private MailCatcher.CaughtMail mailOf(String email, Runnable step) {
		catcher.clear();
		step.run();
		assertThat(catcher.caught()).as("one mail to " + email).singleElement();
		return fixtures.mailTo(email);
	}

	private void askToRegister(RegistrationList list, String email) {
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange()).hasStatusOk();
	}

	private void confirm(RegistrationList list, MailCatcher.CaughtMail confirmation) {
		String link = RegistrationFixtures.link(confirmation, "/r/");
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "山田 太郎")
			.param("furigana", "やまだ たろう")
			.param("affiliation", "1年1組")
			.exchange()).hasStatusOk();
	}

	private long idOf(RegistrationList list, String email) {
		return jdbc.sql("SELECT id FROM registrant WHERE list_id = :l AND email = :e")
			.param("l", list.id())
			.param("e", email)
			.query(Long.class)
			.single();
	}

	@ParameterizedTest
	@ValueSource(strings = { "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp" })
	void everyMailOfRegistrationReachesACarrierPhoneAsItsOwnMail(String domain) {
		RegistrationList list = fixtures.list(manager);
		String email = StaffFixtures.unique("k") + "@" + domain;

		MailCatcher.CaughtMail confirmation = mailOf(email, () -> askToRegister(list, email));
		CarrierLetters.assertCarrierSafe(confirmation, BODY_NAME, BODY_CONTACT);
		assertThat(confirmation.subject()).contains("メール配信登録の確認");

		MailCatcher.CaughtMail welcome = mailOf(email, () -> confirm(list, confirmation));
		CarrierLetters.assertCarrierSafe(welcome, BODY_NAME, BODY_CONTACT);
		assertThat(welcome.subject()).contains("登録しました");
		assertThat(welcome.rawHeaders()).contains("List-Unsubscribe: <");
		String manage = RegistrationFixtures.link(welcome, "/m/");

		Supplier<MailCatcher.CaughtMail> again = () -> mailOf(email, () -> askToRegister(list, email));
		MailCatcher.CaughtMail already = again.get();
		CarrierLetters.assertCarrierSafe(already, BODY_NAME, BODY_CONTACT);
		assertThat(already.subject()).contains("すでに登録されています");

		assertThat(directory.disableBouncing(idOf(list, email), "5.1.1", Instant.now())).isTrue();
		MailCatcher.CaughtMail resume = mailOf(email,
				() -> assertThat(mvc.post().uri(manage + "/resume-request").with(csrf()).exchange()).hasStatusOk());
		CarrierLetters.assertCarrierSafe(resume, BODY_NAME, BODY_CONTACT);
		assertThat(RegistrationFixtures.link(resume, "/m/")).contains("/resume/");

		MailCatcher.CaughtMail stopped = mailOf(email,
				() -> assertThat(mvc.post().uri(manage + "/stop").with(csrf()).exchange()).hasStatusOk());
		CarrierLetters.assertCarrierSafe(stopped, BODY_NAME, BODY_CONTACT);
		assertThat(stopped.subject()).contains("配信を停止しました");

		// a list that admits by approval: waiting, approved, rejected
		RegistrationList guarded = fixtures.list(manager, Verification.APPROVAL);
		MailCatcher.CaughtMail guardedLink = mailOf(email, () -> askToRegister(guarded, email));
		MailCatcher.CaughtMail pending = mailOf(email, () -> confirm(guarded, guardedLink));
		CarrierLetters.assertCarrierSafe(pending, BODY_NAME, BODY_CONTACT);
		long id = idOf(guarded, email);
		MailCatcher.CaughtMail approved = mailOf(email,
				() -> assertThat(StaffRequests.post(mvc, manager, "/registrants/" + id + "/approve"))
					.hasStatus3xxRedirection());
		CarrierLetters.assertCarrierSafe(approved, BODY_NAME, BODY_CONTACT);
		assertThat(approved.subject()).contains("承認されました");

		String other = StaffFixtures.unique("n") + "@" + domain;
		MailCatcher.CaughtMail otherLink = mailOf(other, () -> askToRegister(guarded, other));
		mailOf(other, () -> confirm(guarded, otherLink));
		long otherId = idOf(guarded, other);
		MailCatcher.CaughtMail rejected = mailOf(other,
				() -> assertThat(StaffRequests.post(mvc, manager, "/registrants/" + otherId + "/reject"))
					.hasStatus3xxRedirection());
		CarrierLetters.assertCarrierSafe(rejected, BODY_NAME, BODY_CONTACT);
		assertThat(rejected.subject()).contains("登録について");
	}

	@ParameterizedTest
	@ValueSource(strings = { "docomo.ne.jp", "example.jp" })
	void aListSpeaksWithItsOwnNameTagAndContact(String domain) {
		RegistrationList list = fixtures.list(manager);
		assertThat(StaffRequests.post(mvc, manager, "/lists/" + list.id() + "/sender", "senderName", "八鹿小学校",
				"subjectTag", "八鹿小", "section", "八鹿小学校 教頭", "phone", "０７９－６６２－２１０１"))
			.hasRedirectedUrl("/lists/" + list.id());
		String email = StaffFixtures.unique("s") + "@" + domain;
		MailCatcher.CaughtMail confirmation = mailOf(email, () -> askToRegister(list, email));
		if (domain.equals("docomo.ne.jp")) {
			CarrierLetters.assertCarrierSafe(confirmation, "八鹿小学校", "問い合わせ先: 八鹿小学校 教頭", "電話: 079-662-2101");
		}
		assertThat(confirmation.from()).startsWith("八鹿小学校 <");
		assertThat(confirmation.subject()).startsWith("【八鹿小】");
		assertThat(confirmation.body()).contains("差出人: 八鹿小学校")
			.contains("電話: 079-662-2101")
			.as("the list's contact replaces the body's whole")
			.doesNotContain("学校教育課");
	}

}
