package jp.renraku.mail;

import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@RenrakuIntegrationTest
class OutboxTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	JavaMailSender mail;

	@Autowired
	MailCatcher catcher;

	@Test
	void mailSentOverSmtpIsCaughtAndListedForTheSystemAdministratorOnly() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("renraku@localhost");
		message.setTo("resident@example.jp");
		message.setSubject("【テスト】台風接近のお知らせ");
		message.setText("明日は臨時休校です。<b>太字ではない</b>");
		mail.send(message);

		TestStaff admin = fixtures.systemAdmin();
		var page = mvc.get().uri("/admin/outbox").with(admin.signedIn()).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("【テスト】台風接近のお知らせ")
			.contains("resident@example.jp")
			.contains("明日は臨時休校です。&lt;b&gt;");

		TestStaff manager = fixtures.manager(fixtures.body());
		assertThat(mvc.get().uri("/admin/outbox").with(manager.signedIn()).exchange()).hasStatus(403);

		assertThat(mvc.post().uri("/admin/outbox/clear").with(admin.signedIn()).with(csrf()).exchange())
			.hasRedirectedUrl("/admin/outbox");
		assertThat(catcher.caught()).isEmpty();
	}

	@Autowired
	Mailer mailer;

	@Test
	void legacyMobileAndInternationalisedAddressesAreDeliveredOneRecipientPerMessage() {
		catcher.clear();
		mailer.send(new OutgoingMail("taro..yamada.@docomo.ne.jp", "件名①", "髙﨑さんへ", Map.of("X-Test", "1")));
		mailer.send(new OutgoingMail("info@例え.テスト", "件名②", "本文"));
		var caught = catcher.caught();
		assertThat(caught).extracting(MailCatcher.CaughtMail::to)
			.containsExactlyInAnyOrder(List.of("taro..yamada.@docomo.ne.jp"), List.of("info@xn--r8jz45g.xn--zckzah"));
		assertThat(caught).anySatisfy(mail -> {
			assertThat(mail.subject()).isEqualTo("件名①");
			assertThat(mail.body()).contains("髙﨑さんへ");
			assertThat(mail.rawHeaders()).contains("X-Test: 1");
		});
	}

}
