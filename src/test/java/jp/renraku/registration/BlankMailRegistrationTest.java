package jp.renraku.registration;

import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailInMailbox;
import jp.renraku.mail.MailInSettings;
import jp.renraku.mail.CarrierLetters;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * 空メール登録 as a resident with an old carrier phone meets it: an empty mail to the list's
 * registration address is answered with a personal link, to that address only; the link
 * asks for the registration password, then the form. Floods, auto-replies, removed
 * addresses get no answer.
 */
@RenrakuIntegrationTest
class BlankMailRegistrationTest {

	private static final String LEGACY = "taro..yamada.@docomo.ne.jp";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	MailCatcher catcher;

	@Autowired
	MailInMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	GreenMail server;

	GreenMailUser inbox;

	TestStaff manager;

	RegistrationList list;

	String entry;

	@BeforeEach
	void aListWithARegistrationAddress() throws Exception {
		server = new GreenMail(new com.icegreen.greenmail.util.ServerSetup[] { ServerSetupTest.POP3.dynamicPort(),
				ServerSetupTest.IMAP.dynamicPort() });
		server.start();
		inbox = server.setUser("mailin@bounce.example.jp", "mailin", "secret");
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		assertThat(post(mvc, manager, "/lists/" + list.id() + "/mail-entry", "on", "true")).hasStatus3xxRedirection();
		String page = mvc.get()
			.uri("/lists/" + list.id())
			.with(manager.signedIn())
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		java.util.regex.Matcher address = java.util.regex.Pattern.compile("entry\\+[0-9a-f]{12}@bounce\\.example\\.jp")
			.matcher(page);
		assertThat(address.find()).as(page).isTrue();
		entry = address.group();
		jdbc.sql("DELETE FROM signup_request WHERE email = :e").param("e", LEGACY).update();
		catcher.clear();
	}

	@AfterEach
	void stopServer() {
		server.stop();
	}

	private void arrive(String from, String to, String... headers) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setHeader("From", from);
		message.setHeader("To", to);
		message.setHeader("Reply-To", "someone.else@example.jp");
		message.setSubject("");
		message.setText("");
		for (int i = 0; i < headers.length; i += 2) {
			message.setHeader(headers[i], headers[i + 1]);
		}
		message.saveChanges();
		inbox.deliver(message);
	}

	private MailInMailbox.Reading read() throws Exception {
		// POP3: GreenMail's IMAP server cannot describe the carrier's legacy address in
		// an
		// ENVELOPE response ("Failed to load IMAP envelope"); POP3 hands over the raw
		// mail
		return mailbox.read(new MailInSettings.Mailbox(true, "pop3", "127.0.0.1", server.getPop3().getPort(), "mailin",
				"secret", "INBOX", null, java.time.Duration.ofMinutes(1), 500));
	}

	private long answersTo(String address) {
		return catcher.caught().stream().filter(mail -> mail.to().contains(address)).count();
	}

	private String bodyName() {
		return jdbc.sql("SELECT name FROM body WHERE id = :id")
			.param("id", manager.staff().requireBody())
			.query(String.class)
			.single();
	}

	@Test
	void anEmptyMailFromAnOldPhoneLeadsThroughPasswordAndForm() throws Exception {
		arrive(LEGACY, entry);
		assertThat(read().handled()).isEqualTo(1);
		assertThat(catcher.caught()).hasSize(1);
		var answer = fixtures.mailTo(LEGACY);
		assertThat(answer.to()).containsExactly(LEGACY);
		// the answer is the body's own carrier mail, like every other (issue 14)
		CarrierLetters.assertCarrierSafe(answer, bodyName());
		String link = RegistrationFixtures.link(answer, "/r/");
		assertThat(link).contains("/mail?t=");

		// the registration password first, with the address shown
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk()
			.bodyText()
			.contains(LEGACY)
			.contains("登録パスワード")
			.doesNotContain("type=\"email\"");
		String token = link.substring(link.indexOf("t=") + 2);
		// the form is not reachable before it
		assertThat(mvc.get().uri("/r/" + list.publicToken() + "/confirm?t=" + token).exchange())
			.hasStatus3xxRedirection();
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/mail")
			.with(csrf())
			.param("t", token)
			.param("password", "WRONG")
			.param("agree", "yes")
			.exchange()).hasStatusOk().bodyText().contains("登録パスワードが違います");
		var checked = mvc.post()
			.uri("/r/" + list.publicToken() + "/mail")
			.with(csrf())
			.param("t", token)
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.exchange();
		assertThat(checked).hasStatus3xxRedirection();
		assertThat(checked.getResponse().getRedirectedUrl()).contains("/confirm?t=");
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", token)
			.param("name", "山田 太郎")
			.param("furigana", "やまだ たろう")
			.param("affiliation", "1年2組")
			.exchange()).hasStatusOk().bodyText().contains("登録が完了しました");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l AND email = :e")
			.param("l", list.id())
			.param("e", LEGACY)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anotherBodyCannotIssueOrRemoveTheAddress() {
		TestStaff stranger = staff.manager(staff.body());
		String code = jdbc.sql("SELECT mail_code FROM registration_list WHERE id = :id")
			.param("id", list.id())
			.query(String.class)
			.single();
		assertThat(post(mvc, stranger, "/lists/" + list.id() + "/mail-entry", "on", "false")).hasStatus(404);
		assertThat(post(mvc, stranger, "/lists/" + list.id() + "/mail-entry", "on", "true")).hasStatus(404);
		assertThat(jdbc.sql("SELECT mail_code FROM registration_list WHERE id = :id")
			.param("id", list.id())
			.query(String.class)
			.single()).isEqualTo(code);
		assertThat(mvc.get().uri("/lists/" + list.id()).with(stranger.signedIn()).exchange()).hasStatus(404);
	}

	@Test
	void floodsAutoRepliesAndRemovedAddressesGetNoAnswer() throws Exception {
		String flooder = StaffFixtures.unique("f") + "@example.jp";
		for (int i = 0; i < 6; i++) {
			arrive(flooder, entry);
		}
		arrive("vacation@example.jp", entry, "Auto-Submitted", "auto-replied");
		arrive("MAILER-DAEMON@mx.example.jp", entry);
		MailInMailbox.Reading reading = read();
		assertThat(reading.read()).isEqualTo(8);
		assertThat(answersTo(flooder)).isEqualTo(3);
		assertThat(answersTo("vacation@example.jp")).isZero();
		assertThat(catcher.caught()).hasSize(3);
		assertThat(answersTo("someone.else@example.jp")).isZero();

		// a removed address answers nothing
		post(mvc, manager, "/lists/" + list.id() + "/mail-entry", "on", "false");
		catcher.clear();
		arrive(StaffFixtures.unique("g") + "@example.jp", entry);
		read();
		assertThat(catcher.caught()).isEmpty();
	}

}
