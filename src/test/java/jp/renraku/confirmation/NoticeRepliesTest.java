package jp.renraku.confirmation;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.CarrierLetters;
import jp.renraku.mail.MailCatcher;
import jp.renraku.mail.MailInMailbox;
import jp.renraku.mail.MailInSettings;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies to a notice come back to Renraku through the Reply-To naming their delivery:
 * 「退会」 is answered with the registrant's own page at the registered address; other
 * replies are kept on the notice for its sender (once), never forwarded; forged ones
 * change nothing.
 */
@RenrakuIntegrationTest
class NoticeRepliesTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	MailCatcher catcher;

	@Autowired
	MailInMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	GreenMail server;

	GreenMailUser inbox;

	TestStaff sender;

	long noticeId;

	List<String> addresses;

	@BeforeEach
	void aNoticeSent() {
		server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		inbox = server.setUser("mailin@bounce.example.jp", "mailin", "secret");
		Sending sending = notices.sending(NoticeFixtures.residents("a@au.com", "b@example.jp", "c@example.jp"));
		sender = sending.sender();
		addresses = sending.addresses();
		noticeId = notices.draft(sending).subject("行事のお知らせ").text("明日は運動会です。").send();
	}

	@AfterEach
	void stopServer() {
		server.stop();
	}

	private String replyTo(String address) {
		Matcher m = Pattern.compile("Reply-To: (reply\\+[0-9a-f]{52}@bounce\\.example\\.jp)")
			.matcher(registration.mailTo(address).rawHeaders());
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private void reply(String from, String to, String text, String messageId) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setHeader("From", from);
		message.setHeader("To", to);
		message.setSubject("Re: 行事のお知らせ", "UTF-8");
		message.setText(text, "UTF-8");
		message.saveChanges();
		inbox.deliver(message);
	}

	private MailInMailbox.Reading read() throws Exception {
		return mailbox.read(new MailInSettings.Mailbox(true, "imap", "127.0.0.1", server.getImap().getPort(), "mailin",
				"secret", "INBOX", null, Duration.ofMinutes(1), 500));
	}

	private long stored() {
		return jdbc.sql("SELECT COUNT(*) FROM notice_reply WHERE notice_id = :n")
			.param("n", noticeId)
			.query(Long.class)
			.single();
	}

	@Test
	void aStopReplyIsAnsweredOtherRepliesAreKeptForTheSenderOnly() throws Exception {
		String a = replyTo(addresses.get(0));
		String b = replyTo(addresses.get(1));
		assertThat(a).isNotEqualTo(b);
		catcher.clear();

		String stopId = "<" + UUID.randomUUID() + "@x>";
		reply(addresses.get(0), a, "退会\n\n2026年11月26日 9:00 市役所 wrote:\n> 明日は運動会です。", stopId);
		String kept = "<" + UUID.randomUUID() + "@x>";
		reply(addresses.get(1), b, "承知しました。雨の場合はどうなりますか。\n\n-----Original Message-----\n明日は運動会です。", kept);
		reply(addresses.get(1), b, "承知しました。雨の場合はどうなりますか。", kept);
		// a forged token, and someone else writing "stop" with a's token: a gets only a's
		// own page
		reply(addresses.get(2), "reply+" + "0".repeat(52) + "@bounce.example.jp", "stop",
				"<" + UUID.randomUUID() + "@x>");
		assertThat(read().handled()).isEqualTo(4);

		// the stop answer goes to a's registered address only, with a's own page
		assertThat(catcher.caught()).hasSize(1);
		var answer = registration.mailTo(addresses.get(0));
		assertThat(answer.subject()).isEqualTo("配信停止の手続き");
		CarrierLetters.assertCarrierSafe(answer,
				jdbc.sql("SELECT name FROM body WHERE id = :id")
					.param("id", sender.staff().requireBody())
					.query(String.class)
					.single());
		assertThat(RegistrationFixtures.link(answer, "/m/")).startsWith("/m/");

		assertThat(stored()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT reply_text FROM notice_reply WHERE notice_id = :n AND NOT stop_answered")
			.param("n", noticeId)
			.query(String.class)
			.single()).isEqualTo("承知しました。雨の場合はどうなりますか。");
		// read again (a second node, a server that kept a copy): nothing new, no second
		// answer
		catcher.clear();
		reply(addresses.get(0), a, "退会", stopId);
		read();
		assertThat(catcher.caught()).isEmpty();
		assertThat(stored()).isEqualTo(2);
		assertThat(mvc.get().uri("/notices/" + noticeId).with(sender.signedIn()).exchange()).bodyText()
			.contains("雨の場合はどうなりますか")
			.contains("停止の案内を返信しました")
			.contains(addresses.get(1));
		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.get().uri("/notices/" + noticeId).with(stranger.signedIn()).exchange()).hasStatus(404);
	}

}
