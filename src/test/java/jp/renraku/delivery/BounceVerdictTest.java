package jp.renraku.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
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

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 end to end, the bounces arriving over GreenMail's IMAP server in the carriers'
 * own formats: au's own-filter refusal ({@code 550 : User unknown}) leaves the resident
 * active and shows the operations manager that the resident needs the allow-list
 * guidance; KDDI's "au one net" mailbox-full notice counts as soft; an address that a
 * bounce of the first version stopped is resumed when its bounce, read again, does not
 * stop it — a dry run first. Another body's manager sees and changes none of it.
 */
@RenrakuIntegrationTest
class BounceVerdictTest {

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
	MailInMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	GreenMail server;

	Sending sending;

	List<String> addresses;

	@BeforeEach
	void mailServerAndANoticeSent() {
		server = new GreenMail(
				new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });
		server.start();
		server.setUser(MAILBOX, "bounces", "secret");
		sending = notices
			.sending(NoticeFixtures.residents("hikari.1985@ezweb.ne.jp", "sora-77@au.com", "yamada.taro@example.jp"));
		addresses = sending.addresses();
		notices.draft(sending).subject("【お知らせ】断水のお知らせ").send();
	}

	@AfterEach
	void stopServer() {
		server.stop();
	}

	private String returnPath(String address) {
		Matcher m = Pattern.compile("Return-Path: <([^>]+)>").matcher(registration.mailTo(address).rawHeaders());
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	/** A raw mail delivered into the bounce mailbox through the server's SMTP port. */
	private void arrive(String raw) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(server.getSmtp().getPort()));
		Session session = Session.getInstance(properties);
		MimeMessage message = new MimeMessage(session,
				new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
		Transport.send(message, new InternetAddress[] { new InternetAddress(MAILBOX) });
	}

	private MailInMailbox.Reading read() throws Exception {
		return mailbox.read(new MailInSettings.Mailbox(true, "imap", "127.0.0.1", server.getImap().getPort(), "bounces",
				"secret", "INBOX", null, Duration.ofMinutes(1), 500));
	}

	/** A Postfix relay's DSN for a refusal by au's MTA. */
	private String auRefusal(String address, String reply) {
		String boundary = "B" + UUID.randomUUID();
		return """
				From: MAILER-DAEMON@mail.city.example.jp (Mail Delivery System)
				To: %s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <%s@mail.city.example.jp>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="%s"

				--%s
				Content-Type: text/plain; charset=us-ascii

				This is the mail system at host mail.city.example.jp.

				I'm sorry to have to inform you that your message could not
				be delivered to one or more recipients. It's attached below.

				<%s>: host lsean.ezweb.ne.jp[27.86.113.2] said: %s (in
				    reply to RCPT TO command)

				--%s
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mail.city.example.jp

				Final-Recipient: rfc822; %s
				Action: failed
				Status: 5.0.0
				Remote-MTA: dns; lsean.ezweb.ne.jp
				Diagnostic-Code: smtp; %s

				--%s--
				""".formatted(returnPath(address), UUID.randomUUID(), boundary, boundary, address,
				reply.replace("%a", address), boundary, address, reply.replace("%a", address), boundary);
	}

	/**
	 * KDDI's "au one net" notice that the mailbox is full, in ISO-2022-JP as KDDI writes
	 * it.
	 */
	private String kddiMailboxFull(String address) {
		String body = "Your mail sent on: Tue, 01 Dec 2026 09:12:40 +0900\n    Could not be delivered to: <" + address
				+ ">\n    As their mailbox is full.\n\n送信先のメールボックスが一杯のため、送信できませんでした。\n";
		return "From: no-reply@app.dion.ne.jp\nTo: " + returnPath(address) + "\nSubject: =?ISO-2022-JP?B?"
				+ Base64.getEncoder().encodeToString("メールエラー通知".getBytes(Charset.forName("ISO-2022-JP")))
				+ "?=\nMessage-ID: <" + UUID.randomUUID() + "@dion.ne.jp>\nMIME-Version: 1.0\n"
				+ "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
				+ new String(body.getBytes(Charset.forName("ISO-2022-JP")), StandardCharsets.ISO_8859_1);
	}

	private String column(String column, String address) {
		return jdbc.sql("SELECT " + column + " FROM registrant WHERE email = :e")
			.param("e", address)
			.query((rs, n) -> String.valueOf(rs.getObject(1)))
			.single();
	}

	private String reason(String address) {
		return jdbc.sql("""
				SELECT reason || '/' || kind FROM delivery_bounce
				WHERE registrant_id IN (SELECT id FROM registrant WHERE email = :e)
				""").param("e", address).query(String.class).single();
	}

	@Test
	void auOwnFilterLeavesTheResidentActiveAndKddiMailboxFullIsSoft() throws Exception {
		arrive(auRefusal(addresses.get(0), "550 : User unknown"));
		arrive(auRefusal(addresses.get(2), "550 <%a>: User unknown"));
		arrive(kddiMailboxFull(addresses.get(1)));
		assertThat(read()).isEqualTo(new MailInMailbox.Reading(3, 3, 0, 0, 0));

		assertThat(reason(addresses.get(0))).isEqualTo("FILTERED/NONE");
		assertThat(column("bounce_disabled_at", addresses.get(0))).isEqualTo("null");
		assertThat(column("filtered_count", addresses.get(0))).isEqualTo("1");
		assertThat(reason(addresses.get(1))).isEqualTo("MAILBOX_FULL/SOFT");
		assertThat(column("bounce_disabled_at", addresses.get(1))).isEqualTo("null");
		assertThat(reason(addresses.get(2))).isEqualTo("USER_UNKNOWN/HARD");
		assertThat(column("bounce_reason", addresses.get(2))).startsWith("宛先のメールアドレスが存在しないため、1回で止めました");

		TestStaff manager = sending.manager();
		assertThat(mvc.get().uri("/registrants/bounced").with(manager.signedIn()).exchange()).bodyText()
			.contains("受信拒否設定で届いていない可能性がある方")
			.contains(addresses.get(0))
			.contains("受け取る人の受信拒否設定（迷惑メール対策）")
			.contains("宛先のメールボックスが満杯")
			.contains("30日以内に3日続くと止める")
			.contains(addresses.get(2));

		// another body's manager sees none of it and cannot mark it
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/registrants/bounced").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain(addresses.get(0))
			.doesNotContain("宛先のメールボックスが満杯");
		long filtered = Long.parseLong(column("id", addresses.get(0)));
		assertThat(post(mvc, stranger, "/registrants/" + filtered + "/filter-guided")).hasStatus(404);
		assertThat(column("filtered_count", addresses.get(0))).isEqualTo("1");

		// told: the resident leaves the list of those to guide, audited
		assertThat(post(mvc, manager, "/registrants/" + filtered + "/filter-guided")).hasStatus3xxRedirection();
		assertThat(column("filtered_at", addresses.get(0))).isEqualTo("null");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTRANT_FILTER_GUIDED'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aStopByTheFirstVersionIsListedThenResumedWhenReadAgain() throws Exception {
		arrive(auRefusal(addresses.get(2), "550 <%a>: User unknown"));
		arrive(auRefusal(addresses.get(0), "550 : User unknown"));
		assertThat(read().recorded()).isEqualTo(2);
		// as the first version recorded the au filter: hard, no reason, the address
		// stopped
		long au = Long.parseLong(column("id", addresses.get(0)));
		jdbc.sql("UPDATE delivery_bounce SET reason = NULL, kind = 'HARD', classifier_version = NULL,"
				+ " status = '5.1.1' WHERE registrant_id = :r")
			.param("r", au)
			.update();
		jdbc.sql("UPDATE registrant SET bounce_disabled_at = CURRENT_TIMESTAMP, bounce_reason = 'old' WHERE id = :r")
			.param("r", au)
			.update();

		TestStaff manager = sending.manager();
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/registrants/bounced/reread").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain(addresses.get(0))
			.contains("記録してある返送 0 件");
		assertThat(post(mvc, stranger, "/registrants/bounced/reread")).hasStatusOk();
		assertThat(column("bounce_disabled_at", addresses.get(0))).isNotEqualTo("null");

		// the dry run lists the change and changes nothing
		assertThat(mvc.get().uri("/registrants/bounced/reread").with(manager.signedIn()).exchange()).bodyText()
			.contains("まだ何も変えていません")
			.contains("以前の版の判定（1回で止める）")
			.contains("受け取る人の受信拒否設定")
			.contains(addresses.get(0))
			.doesNotContain(addresses.get(2) + " ");
		assertThat(column("bounce_disabled_at", addresses.get(0))).isNotEqualTo("null");
		assertThat(reasonOrNull(au)).isEqualTo("null/HARD");

		// applied: the reason rewritten, the address resumed, audited; the dead one stays
		// stopped
		assertThat(post(mvc, manager, "/registrants/bounced/reread")).bodyText().contains("適用しました");
		assertThat(reason(addresses.get(0))).isEqualTo("FILTERED/NONE");
		assertThat(column("bounce_disabled_at", addresses.get(0))).isEqualTo("null");
		assertThat(column("bounce_disabled_at", addresses.get(2))).isNotEqualTo("null");
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'BOUNCES_REREAD' AND body_id = :body")
			.param("body", manager.staff().bodyId())
			.query(String.class)
			.list()).containsExactly("bounces:2 changed:1 resumed:1");
		// read again: nothing left to change
		assertThat(mvc.get().uri("/registrants/bounced/reread").with(manager.signedIn()).exchange()).bodyText()
			.doesNotContain("この内容で適用する");
	}

	private String reasonOrNull(long registrant) {
		return jdbc.sql("SELECT COALESCE(reason, 'null') || '/' || kind FROM delivery_bounce WHERE registrant_id = :r")
			.param("r", registrant)
			.query(String.class)
			.single();
	}

}
