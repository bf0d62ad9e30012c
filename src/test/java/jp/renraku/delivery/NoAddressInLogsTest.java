package jp.renraku.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.mail.MailCatcher;
import jp.renraku.mail.MailInMailbox;
import jp.renraku.mail.MailInSettings;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Issue 18: no registrant's address or token in any log line during a full flow, with
 * Renraku's loggers and Spring MVC's at DEBUG. Residents register by the web form and by
 * empty mail (a carrier's legacy address), a notice asking for confirmation is released
 * and sent — the carrier's relay refusing one recipient in words that name it ("550 5.1.1
 * &lt;…&gt;: user unknown"), delaying the others, then the mail catcher taking them —, a
 * confirmation is pressed, a resident opens their page, a bounce is read from the mail-in
 * mailbox and a staff member mistypes a password. What the console received, message and
 * stack, names none of the residents' addresses, the local parts of them, or the tokens
 * their mails carried. The operators' meters counted the same flow.
 */
@RenrakuIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoAddressInLogsTest {

	/**
	 * Renraku's loggers, and Spring MVC's, which write each request's path and query
	 * (MockMvc's servlet logs under its own name).
	 */
	private static final List<String> VERBOSE = List.of("jp.renraku", "org.springframework.web",
			"org.springframework.test.web.servlet");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirmations;

	@Autowired
	MailCatcher catcher;

	@Autowired
	MailInMailbox mailbox;

	@Autowired
	DeliveryEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LoggingSystem logging;

	@Autowired
	MeterRegistry meters;

	GreenMail server;

	GreenMailUser inbox;

	@BeforeEach
	void verboseLogsAndAMailInMailbox() {
		engine.sendDueNow();
		VERBOSE.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
		server = new GreenMail(new ServerSetup[] { ServerSetupTest.POP3.dynamicPort() });
		server.start();
		inbox = server.setUser("mailin@bounce.example.jp", "mailin", "secret");
		registration.resetAttempts();
		catcher.clear();
	}

	@AfterEach
	void quietAgain() {
		VERBOSE.forEach(logger -> logging.setLogLevel(logger, null));
		server.stop();
	}

	private MailInMailbox.Reading readMailIn() throws Exception {
		return mailbox.read(new MailInSettings.Mailbox(true, "pop3", "127.0.0.1", server.getPop3().getPort(), "mailin",
				"secret", "INBOX", null, Duration.ofMinutes(1), 500));
	}

	private double count(String name, String... tags) {
		var counter = meters.find(name).tags(tags).counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void aFullFlowLogsNoResidentsAddressOrToken(CapturedOutput output) throws Exception {
		double sentBefore = count("renraku.delivery.messages", "kind", "notice", "outcome", "sent");
		double failedBefore = count("renraku.delivery.messages", "kind", "notice", "outcome", "failed");
		double confirmedBefore = count("renraku.confirmations", "outcome", "recorded");
		double bouncedBefore = count("renraku.bounces", "reason", "user_unknown");
		double refusedBefore = count("renraku.signin.failures");

		TestStaff manager = staff.manager(staff.body());
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		String web = StaffFixtures.unique("taro") + "@example.jp";
		String legacy = StaffFixtures.unique("hana") + "..x.@docomo.ne.jp";
		String bouncing = StaffFixtures.unique("jiro") + "@example.jp";
		List<String> addresses = List.of(web, legacy, bouncing);

		// by the web form: the address, the link in the mail, the form
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", web)
			.exchange()).hasStatusOk();
		String link = RegistrationFixtures.link(registration.mailTo(web), "/r/");
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk();
		register(list, link);

		// by empty mail from an old phone
		assertThat(post(mvc, manager, "/lists/" + list.id() + "/mail-entry", "on", "true")).hasStatus3xxRedirection();
		String page = mvc.get()
			.uri("/lists/" + list.id())
			.with(manager.signedIn())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		Matcher entry = Pattern.compile("entry\\+[0-9a-f]{12}@bounce\\.example\\.jp").matcher(page);
		assertThat(entry.find()).isTrue();
		MimeMessage empty = new MimeMessage(Session.getInstance(new Properties()));
		empty.setHeader("From", legacy);
		empty.setHeader("To", entry.group());
		empty.setSubject("");
		empty.setText("");
		empty.saveChanges();
		inbox.deliver(empty);
		assertThat(readMailIn().handled()).isEqualTo(1);
		String mailLink = RegistrationFixtures.link(registration.mailTo(legacy), "/r/");
		assertThat(mvc.get().uri(mailLink).exchange()).hasStatusOk();
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/mail")
			.with(csrf())
			.param("t", tokenOf(mailLink))
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.exchange()).hasStatus3xxRedirection();
		register(list, mailLink);
		registration.registrant(list, bouncing, "登録者", "1年1組");
		engine.sendDueNow();

		// a notice asking for confirmation: the carrier's relay refuses the legacy
		// address in words that name it and delays the others, then they go
		long notice = notices.draft(sender, list)
			.subject("安否の確認")
			.text("{{氏名}} 様\n{{受信確認リンク}}")
			.askConfirmation()
			.trackOpens()
			.release();
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> address.equals(legacy)
				? "550 5.1.1 <" + address + ">: Recipient address rejected: user unknown"
				: "451 4.3.0 <" + address + ">: try again later");
				SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 100)) {
			engine.runOnce("test", connection);
		}
		jdbc.sql("UPDATE delivery SET next_attempt_at = :now WHERE notice_id = :n AND status = 'RETRYING'")
			.param("now", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("n", notice)
			.update();
		engine.sendDueNow();
		assertThat(jdbc.sql("SELECT status FROM delivery WHERE notice_id = :n")
			.param("n", notice)
			.query(String.class)
			.list()).containsExactlyInAnyOrder("SENT", "FAILED", "SENT");

		// a confirmation pressed, a resident's own page opened
		assertThat(confirmations.press(confirmations.link(web))).hasStatusOk();
		String manage = RegistrationFixtures.link(mail(web, "登録しました"), "/m/");
		assertThat(mvc.get().uri(manage).exchange()).hasStatusOk();

		// a bounce of the third resident's mail, read from the mail-in mailbox
		String returnPath = header(registration.mailTo(bouncing), "Return-Path");
		inbox.deliver(dsn(returnPath, bouncing));
		assertThat(readMailIn().recorded()).isEqualTo(1);

		// a staff member mistypes the password
		assertThat(mvc.post()
			.uri("/login")
			.with(csrf())
			.param("username", manager.loginId())
			.param("password", "wrong")
			.exchange()).hasRedirectedUrl("/login?error");

		String logged = output.getAll();
		// the relay's refusal, Spring MVC's request lines and the catcher's INFO lines
		// were there to be redacted
		assertThat(logged).as("the flow was logged at DEBUG")
			.contains("DEBUG")
			.contains("550 5.1.1 <[address]>")
			.contains("/m/[token]")
			.contains("?t=[token]");
		for (String secret : secrets(addresses)) {
			assertThat(logged).as(secret).doesNotContainIgnoringCase(secret);
		}

		// the operators' meters saw the same (at least: the shared test database may hold
		// other tests' mail that fell due meanwhile)
		assertThat(count("renraku.delivery.messages", "kind", "notice", "outcome", "sent") - sentBefore)
			.isGreaterThanOrEqualTo(2);
		assertThat(count("renraku.delivery.messages", "kind", "notice", "outcome", "failed") - failedBefore)
			.isGreaterThanOrEqualTo(1);
		assertThat(count("renraku.confirmations", "outcome", "recorded") - confirmedBefore).isEqualTo(1);
		assertThat(count("renraku.bounces", "reason", "user_unknown") - bouncedBefore).isEqualTo(1);
		assertThat(count("renraku.signin.failures") - refusedBefore).isEqualTo(1);
		assertThat(meters.find("renraku.delivery.time").tag("group", "other").timer()).isNotNull()
			.satisfies(timer -> assertThat(timer.count()).isPositive());
	}

	/** Fills the registration form behind a confirmation link and registers. */
	private void register(RegistrationList list, String link) {
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", tokenOf(link))
			.param("name", "山田 花子")
			.param("furigana", "やまだ はなこ")
			.param("affiliation", "1年2組")
			.exchange()).hasStatusOk().bodyText().contains("登録が完了しました");
	}

	private MailCatcher.CaughtMail mail(String address, String subjectPart) {
		return catcher.caught()
			.stream()
			.filter(mail -> mail.to().contains(address) && mail.subject().contains(subjectPart))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + address + " about " + subjectPart));
	}

	private static String tokenOf(String link) {
		return link.substring(link.indexOf("t=") + 2);
	}

	private static String header(MailCatcher.CaughtMail mail, String name) {
		Matcher m = Pattern.compile("(?m)^" + name + ": <?([^>\\s]+)>?").matcher(mail.rawHeaders());
		assertThat(m.find()).as(mail.rawHeaders()).isTrue();
		return m.group(1);
	}

	/**
	 * What must not be logged: each address, its local part, and every token of a
	 * personal link or a personal address in the mail the residents received.
	 */
	private Set<String> secrets(List<String> addresses) {
		Set<String> secrets = new LinkedHashSet<>();
		Pattern tokens = Pattern.compile(
				"/[com]/([A-Za-z0-9_.~-]{16,})|[?&]t=([A-Za-z0-9_.~%-]{16,})" + "|(?:bounce|reply)\\+([0-9a-f]{16,})@");
		for (String address : addresses) {
			secrets.add(address);
			secrets.add(address.substring(0, address.indexOf('@')));
			for (MailCatcher.CaughtMail mail : catcher.caught()) {
				if (mail.to().stream().noneMatch(address::equalsIgnoreCase)) {
					continue;
				}
				Matcher m = tokens.matcher(mail.rawHeaders() + "\n" + mail.body());
				while (m.find()) {
					for (int group = 1; group <= 3; group++) {
						if (m.group(group) != null) {
							secrets.add(m.group(group));
						}
					}
				}
			}
		}
		assertThat(secrets).as("tokens of the web form, the empty mail, the notice and the resident's page")
			.hasSizeGreaterThan(addresses.size() * 2 + 5);
		return secrets;
	}

	private static MimeMessage dsn(String to, String recipient) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom("MAILER-DAEMON@mx.example.jp");
		message.setRecipients(MimeMessage.RecipientType.TO, to);
		message.setSubject("Undelivered Mail Returned to Sender");
		MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
		MimeBodyPart human = new MimeBodyPart();
		human.setText("<" + recipient + ">: host mx.example.jp said: 550 5.1.1 user unknown", "UTF-8");
		report.addBodyPart(human);
		MimeBodyPart machine = new MimeBodyPart();
		String fields = "Reporting-MTA: dns; mx.example.jp\r\n\r\nFinal-Recipient: rfc822; " + recipient
				+ "\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <" + recipient
				+ ">: Recipient address rejected\r\n";
		machine.setDataHandler(new DataHandler(
				new ByteArrayDataSource(fields.getBytes(StandardCharsets.US_ASCII), "message/delivery-status")));
		report.addBodyPart(machine);
		message.setContent(report);
		message.saveChanges();
		return message;
	}

}
