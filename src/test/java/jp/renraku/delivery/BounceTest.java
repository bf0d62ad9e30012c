package jp.renraku.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
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
 * Bounces as the city's mail server delivers them: every notice goes out with a return
 * path naming its delivery; Renraku reads the bounce mailbox over IMAP or POP3
 * (GreenMail's real servers), records each bounce once on its delivery, stops a dead
 * address at the first hard bounce and a troubled one after three soft ones, ignores
 * forged tokens, delay notices and mail that is not a bounce, and empties the mailbox.
 */
@RenrakuIntegrationTest
class BounceTest {

	private static final String MAILBOX = "bounces@bounce.example.jp";

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
	DeliveryTokens tokens;

	@Autowired
	MailInMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	GreenMail server;

	TestStaff sender;

	TestStaff manager;

	Sending sending;

	List<String> addresses;

	@BeforeEach
	void mailServerAndANoticeSent() {
		ServerSetup[] setups = { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort(),
				ServerSetupTest.POP3.dynamicPort() };
		server = new GreenMail(setups);
		server.start();
		server.setUser(MAILBOX, "bounces", "secret");
		sending = notices
			.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@docomo.ne.jp", "d@example.jp"));
		manager = sending.manager();
		sender = sending.sender();
		addresses = sending.addresses();
	}

	@AfterEach
	void stopServer() {
		server.stop();
	}

	private long release(String subject) {
		return notices.draft(sending).subject(subject).send();
	}

	/** The return path the mail to the address went out with. */
	private String returnPath(String address) {
		String headers = registration.mailTo(address).rawHeaders();
		Matcher m = Pattern.compile("Return-Path: <([^>]+)>").matcher(headers);
		assertThat(m.find()).as(headers).isTrue();
		return m.group(1);
	}

	private Session smtp() {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(server.getSmtp().getPort()));
		return Session.getInstance(properties);
	}

	/**
	 * Delivers a mail addressed to the return path into the bounce mailbox, as the server
	 * would.
	 */
	private void arrive(MimeMessage message) throws Exception {
		message.saveChanges();
		Transport.send(message, new InternetAddress[] { new InternetAddress(MAILBOX) });
	}

	private MimeMessage dsn(String to, String recipient, String action, String status, String messageId)
			throws Exception {
		MimeMessage message = new MimeMessage(smtp()) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom("MAILER-DAEMON@mx.example.jp");
		message.setRecipients(MimeMessage.RecipientType.TO, to);
		message.setSubject("Undelivered Mail Returned to Sender");
		MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
		MimeBodyPart human = new MimeBodyPart();
		human.setText("This is the mail system at host mx.example.jp. 一時的な問題ではありません。", "UTF-8");
		report.addBodyPart(human);
		MimeBodyPart machine = new MimeBodyPart();
		String fields = "Reporting-MTA: dns; mx.example.jp\r\n\r\nFinal-Recipient: rfc822; " + recipient
				+ "\r\nAction: " + action + "\r\nStatus: " + status + "\r\nDiagnostic-Code: smtp; 550 " + status + " <"
				+ recipient + ">:\r\n  Recipient address rejected\r\n";
		machine.setDataHandler(new DataHandler(
				new ByteArrayDataSource(fields.getBytes(StandardCharsets.US_ASCII), "message/delivery-status")));
		report.addBodyPart(machine);
		message.setContent(report);
		return message;
	}

	private MimeMessage plain(String to, String from, String subject, String text) throws Exception {
		MimeMessage message = new MimeMessage(smtp());
		message.setFrom(from);
		message.setRecipients(MimeMessage.RecipientType.TO, to);
		message.setSubject(subject, "UTF-8");
		message.setText(text, "UTF-8");
		return message;
	}

	private MailInSettings.Mailbox box(String protocol, int port) {
		return new MailInSettings.Mailbox(true, protocol, "127.0.0.1", port, "bounces", "secret", "INBOX",
				protocol.equals("imap") ? "Processed" : null, Duration.ofMinutes(1), 500);
	}

	private boolean stopped(String address) {
		return jdbc.sql("SELECT bounce_disabled_at IS NOT NULL FROM registrant WHERE email = :email")
			.param("email", address)
			.query(Boolean.class)
			.single();
	}

	private int inbox(String folder) throws Exception {
		Session session = Session.getInstance(new Properties());
		try (Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", server.getImap().getPort(), "bounces", "secret");
			Folder f = store.getFolder(folder);
			return f.exists() ? f.getMessageCount() : 0;
		}
	}

	@Test
	void hardSoftAndNonStandardBouncesOverImapEachRecordedOnce() throws Exception {
		long notice = release("不達の確認");
		String a = returnPath(addresses.get(0));
		assertThat(a).matches("bounce\\+[0-9a-f]{52}@bounce\\.example\\.jp");
		assertThat(returnPath(addresses.get(1))).isNotEqualTo(a);

		String hardId = "<" + UUID.randomUUID() + "@mx.example.jp>";
		arrive(dsn(a, addresses.get(0), "failed", "5.1.1", hardId));
		// the same bounce again (a server retrying, or a second node reading)
		arrive(dsn(a, addresses.get(0), "failed", "5.1.1", hardId));
		// a full mailbox: soft
		arrive(dsn(returnPath(addresses.get(1)), addresses.get(1), "failed", "5.2.2",
				"<" + UUID.randomUUID() + "@mx.example.jp>"));
		// a delay notice is not a bounce
		arrive(dsn(returnPath(addresses.get(3)), addresses.get(3), "delayed", "4.4.1",
				"<" + UUID.randomUUID() + "@mx.example.jp>"));
		// qmail's own format, the original quoted below (its words do not decide)
		arrive(plain(returnPath(addresses.get(2)), "MAILER-DAEMON@mx.docomo.ne.jp", "failure notice",
				"Hi. This is the qmail-send program at mx.docomo.ne.jp.\n<" + addresses.get(2) + ">:\n"
						+ "Sorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n"
						+ "mailbox full 一時的"));
		// a forged token, and an auto-reply that is not a bounce
		arrive(dsn("bounce+" + "0".repeat(52) + "@bounce.example.jp", addresses.get(3), "failed", "5.1.1",
				"<" + UUID.randomUUID() + "@mx.example.jp>"));
		arrive(plain(returnPath(addresses.get(3)), addresses.get(3), "不在のお知らせ", "ただいま休暇中です。"));
		assertThat(inbox("INBOX")).isEqualTo(7);

		MailInMailbox.Reading reading = mailbox.read(box("imap", server.getImap().getPort()));
		assertThat(reading).isEqualTo(new MailInMailbox.Reading(7, 3, 1, 1, 2));
		assertThat(inbox("INBOX")).isZero();
		assertThat(inbox("Processed")).isEqualTo(7);
		assertThat(mailbox.read(box("imap", server.getImap().getPort())).read()).isZero();

		assertThat(stopped(addresses.get(0))).isTrue();
		assertThat(stopped(addresses.get(1))).isFalse();
		assertThat(stopped(addresses.get(2))).isTrue();
		assertThat(stopped(addresses.get(3))).isFalse();
		assertThat(jdbc.sql("SELECT bounce_reason FROM registrant WHERE email = :e")
			.param("e", addresses.get(0))
			.query(String.class)
			.single()).contains("5.1.1");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_bounce WHERE notice_id = :n")
			.param("n", notice)
			.query(Long.class)
			.single()).isEqualTo(3);

		// the operations manager sees which and why; another body sees none of them
		assertThat(mvc.get().uri("/registrants/bounced").with(manager.signedIn()).exchange()).bodyText()
			.contains(addresses.get(0))
			.contains(addresses.get(2))
			.doesNotContain(addresses.get(1))
			.contains("5.1.1");
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/registrants/bounced").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain(addresses.get(0))
			.contains("止めているアドレスはありません");
		// the notice page shows them beside the failed ones
		assertThat(mvc.get().uri("/notices/" + notice + "/progress").with(sender.signedIn()).exchange()).bodyJson()
			.extractingPath("$.bounced")
			.isEqualTo(3);
		// the next notice does not go to the stopped addresses
		catcher.clear();
		release("次のお知らせ");
		assertThat(registration.mailsTo(addresses.get(0))).isZero();
		assertThat(registration.mailsTo(addresses.get(2))).isZero();
		assertThat(registration.mailsTo(addresses.get(1))).isEqualTo(1);
	}

	@Test
	void softBouncesOfOneDayCountOnce() throws Exception {
		for (int i = 0; i < 3; i++) {
			catcher.clear();
			release("同じ日のお知らせ" + i);
			arrive(dsn(returnPath(addresses.get(3)), addresses.get(3), "failed", "4.2.2",
					"<" + UUID.randomUUID() + "@mx.example.jp>"));
		}
		assertThat(mailbox.read(box("pop3", server.getPop3().getPort())).recorded()).isEqualTo(3);
		assertThat(stopped(addresses.get(3))).isFalse();
	}

	@Test
	void threeSoftBouncesOverPop3StopTheAddress() throws Exception {
		for (int i = 0; i < 3; i++) {
			catcher.clear();
			release("お知らせ" + i);
			arrive(dsn(returnPath(addresses.get(1)), addresses.get(1), "failed", "4.2.2",
					"<" + UUID.randomUUID() + "@mx.example.jp>"));
			MailInMailbox.Reading reading = mailbox.read(box("pop3", server.getPop3().getPort()));
			assertThat(reading.recorded()).isEqualTo(1);
			assertThat(stopped(addresses.get(1))).isEqualTo(i == 2);
			// the next one a day later: soft bounces count once a day at most
			jdbc.sql("""
					UPDATE delivery_bounce SET received_at = received_at - INTERVAL '25' HOUR
					WHERE registrant_id IN (SELECT id FROM registrant WHERE email = :e)
					""").param("e", addresses.get(1)).update();
		}
		assertThat(inbox("INBOX")).isZero();
		assertThat(
				jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANT_BOUNCE_STOPPED' ORDER BY seq DESC")
					.query(String.class)
					.list()
					.get(0))
			.contains("不達が3日続きました")
			.doesNotContain(addresses.get(1));
	}

}
