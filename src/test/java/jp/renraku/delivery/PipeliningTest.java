package jp.renraku.delivery;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.mail.MailSettings;
import jp.renraku.mail.SmtpTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP PIPELINING (RFC 2920) on the bulk path, checked on the wire against a scripted
 * server: one recipient per message, MAIL, RCPT and DATA sent as one group, no message
 * after a refusal, and the same outcomes by reply as without pipelining.
 */
@RenrakuIntegrationTest
class PipeliningTest {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@Autowired
	DeliveryEngine engine;

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	long noticeId;

	String tag;

	@BeforeEach
	void releasedNoticeForThree() {
		engine.sendDueNow();
		tag = StaffFixtures.unique("p");
		Map<String, String> people = new LinkedHashMap<>();
		people.put("ok." + tag + "@example.jp", "成功");
		people.put("temp." + tag + "@example.jp", "一時");
		people.put("perm." + tag + "@example.jp", "恒久");
		noticeId = fixtures.release(false, "件名", "本文\n.先頭の点", people);
	}

	private String address(String prefix) {
		return prefix + "." + tag + "@example.jp";
	}

	private Map<String, Object> row(String prefix) {
		return jdbc.sql("""
				SELECT d.status, d.last_reply FROM delivery d JOIN registrant r ON r.id = d.registrant_id
				WHERE d.notice_id = :n AND r.email = :e
				""").param("n", noticeId).param("e", address(prefix)).query().singleRow();
	}

	private int send(PipeliningSmtpServer relay, boolean pipelines) {
		return send(new SmtpConnection(DeliveryFixtures.plain(relay.port()), 100), pipelines);
	}

	private int send(SmtpConnection opened, boolean pipelines) {
		try (SmtpConnection connection = opened) {
			assertThat(connection.pipelining()).isEqualTo(pipelines);
			return engine.runOnce("test", connection);
		}
	}

	/** What the server saw of one recipient's transaction, in order. */
	private static List<String> transaction(PipeliningSmtpServer relay, String recipient) {
		List<String> session = relay.sessions.get(0);
		int rcpt = session.indexOf("RCPT TO:<" + recipient + ">");
		assertThat(rcpt).as("RCPT of %s", recipient).isPositive();
		int end = rcpt + 1;
		while (end < session.size() && !session.get(end).startsWith("MAIL FROM") && !session.get(end).equals("QUIT")) {
			end++;
		}
		return session.subList(rcpt - 1, end);
	}

	@Test
	void aPipelinedSessionSendsEachMessageToOneRecipientInOneGroup() throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(PipeliningSmtpServer.Script.accepting(true))) {
			assertThat(send(relay, true)).isEqualTo(3);
			assertThat(relay.sessions).hasSize(1);
			List<List<String>> transactions = relay.groups.stream()
				.filter(group -> group.get(0).startsWith("MAIL FROM"))
				.toList();
			assertThat(transactions).hasSize(3)
				.allSatisfy(group -> assertThat(group).hasSize(3)
					.satisfies(g -> assertThat(g.get(1)).startsWith("RCPT TO:<"))
					.endsWith("DATA"));
			for (String prefix : List.of("ok", "temp", "perm")) {
				assertThat(row(prefix)).containsEntry("status", "SENT");
				assertThat(transaction(relay, address(prefix))).containsExactly(
						"MAIL FROM:<" + transaction(relay, address(prefix)).get(0).substring(11),
						"RCPT TO:<" + address(prefix) + ">", "DATA", "message to " + address(prefix));
				String message = relay.messages.get(address(prefix));
				// 8-bit text as the relay offers 8BITMIME; the dot that starts a line
				// came
				// stuffed and arrives as written
				assertThat(message).contains("\r\nTo: " + address(prefix) + "\r\n")
					.contains("\r\n.先頭の点\r\n")
					.containsPattern("\r\nMessage-ID: <\\d+\\." + noticeId + "\\.renraku@[^>]+>\r\n");
			}
			assertThat(relay.accepted).containsExactlyInAnyOrder(address("ok"), address("temp"), address("perm"));
		}
	}

	@Test
	void eachEndOfDataGoesInOneWriteWithTheNextMessagesCommands() throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(PipeliningSmtpServer.Script.accepting(true))) {
			send(relay, true);
			// one wait for the relay per message: only the batch's last end of data comes
			// alone
			assertThat(relay.moreWithEndOfData).containsExactly(true, true, false);
			assertThat(relay.accepted).hasSize(3);
		}
	}

	@Test
	void aRefusedRecipientGetsNoMessageAndIsNotSent() throws Exception {
		PipeliningSmtpServer.Script script = PipeliningSmtpServer.Script.accepting(true).rcpt(address -> {
			if (address.startsWith("perm.")) {
				return "550 5.1.1 user unknown";
			}
			return address.startsWith("temp.") ? "451 4.7.1 try again later" : "250 2.1.5 ok";
		});
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(script)) {
			send(relay, true);
			assertThat(transaction(relay, address("perm"))).containsExactly(transaction(relay, address("perm")).get(0),
					"RCPT TO:<" + address("perm") + ">", "DATA", "RSET");
			assertThat(transaction(relay, address("temp"))).endsWith("DATA", "RSET");
			assertThat(row("perm")).containsEntry("status", "FAILED");
			assertThat((String) row("perm").get("last_reply")).contains("550 5.1.1 user unknown");
			assertThat(row("temp")).containsEntry("status", "RETRYING");
			assertThat((String) row("temp").get("last_reply")).contains("451 4.7.1");
			assertThat(row("ok")).containsEntry("status", "SENT");
			// the refusals did not cost the session
			assertThat(relay.sessions).hasSize(1);
			assertThat(relay.accepted).containsExactly(address("ok"));
		}
	}

	@Test
	void dataTakenAfterARefusedRecipientGetsAnEmptyMessageAndNothingIsSent() throws Exception {
		PipeliningSmtpServer.Script script = PipeliningSmtpServer.Script.accepting(true)
			.rcpt(address -> address.startsWith("perm.") ? "550 5.1.1 user unknown" : "250 2.1.5 ok")
			.data(recipient -> "354 go ahead");
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(script)) {
			send(relay, true);
			assertThat(transaction(relay, address("perm"))).endsWith("DATA", "empty message", "RSET");
			assertThat(row("perm")).containsEntry("status", "FAILED");
			assertThat((String) row("perm").get("last_reply")).contains("550 5.1.1");
			assertThat(row("ok")).containsEntry("status", "SENT");
			assertThat(row("temp")).containsEntry("status", "SENT");
		}
	}

	@Test
	void aTemporaryRefusalOfTheMessageRetriesAndAPermanentOneFailsWithTheReply() throws Exception {
		PipeliningSmtpServer.Script script = PipeliningSmtpServer.Script.accepting(true).endOfData(recipient -> {
			if (recipient.startsWith("perm.")) {
				return "554 5.7.1 message rejected as spam";
			}
			return recipient.startsWith("temp.") ? "452 4.3.1 insufficient system storage" : "250 2.0.0 queued";
		});
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(script)) {
			send(relay, true);
			assertThat(row("temp")).containsEntry("status", "RETRYING");
			assertThat((String) row("temp").get("last_reply")).contains("452 4.3.1 insufficient system storage");
			assertThat(row("perm")).containsEntry("status", "FAILED");
			assertThat((String) row("perm").get("last_reply")).contains("554 5.7.1 message rejected as spam");
			assertThat(row("ok")).containsEntry("status", "SENT");
			assertThat(relay.sessions).hasSize(1);
			assertThat(relay.accepted).containsExactly(address("ok"));
		}
	}

	@Test
	void aRelayClosingTheSessionRetriesThatMessageAndTheRestGoOnANewOne() throws Exception {
		PipeliningSmtpServer.Script script = PipeliningSmtpServer.Script.accepting(true)
			.rcpt(address -> address.startsWith("temp.") ? "421 4.7.0 too many messages, closing" : "250 2.1.5 ok");
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(script)) {
			send(relay, true);
			assertThat(row("temp")).containsEntry("status", "RETRYING");
			assertThat((String) row("temp").get("last_reply")).contains("421 4.7.0");
			assertThat(row("ok")).containsEntry("status", "SENT");
			assertThat(row("perm")).containsEntry("status", "SENT");
		}
	}

	@Test
	void aConnectionLostBeforeTheLastReplyRetriesAndMarksNothingSentThatWasNotAccepted() throws Exception {
		PipeliningSmtpServer.Script script = PipeliningSmtpServer.Script.accepting(true)
			.dropAfter(recipient -> recipient.startsWith("temp."));
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(script)) {
			send(relay, true);
			assertThat(row("temp")).containsEntry("status", "RETRYING");
			List<String> sent = jdbc.sql("""
					SELECT r.email FROM delivery d JOIN registrant r ON r.id = d.registrant_id
					WHERE d.notice_id = :n AND d.status = 'SENT'
					""").param("n", noticeId).query(String.class).list();
			assertThat(sent).containsExactlyInAnyOrderElementsOf(relay.accepted);
		}
	}

	@Test
	void aRelayWithoutPipeliningGetsOneCommandAtATime() throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(PipeliningSmtpServer.Script.accepting(false))) {
			assertThat(send(relay, false)).isEqualTo(3);
			assertThat(relay.groups).allSatisfy(group -> assertThat(group).hasSize(1));
			assertThat(transaction(relay, address("ok"))).containsSubsequence("RCPT TO:<" + address("ok") + ">", "DATA",
					"message to " + address("ok"));
			for (String prefix : List.of("ok", "temp", "perm")) {
				assertThat(row(prefix)).containsEntry("status", "SENT");
			}
			assertThat(relay.accepted).hasSize(3);
		}
	}

	@Test
	void theRelaySignsInBeforeThePipelinedMail() throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(
				PipeliningSmtpServer.Script.accepting(true).auth("renraku", "s3cret!パス"))) {
			send(new SmtpConnection(
					new SmtpTarget("127.0.0.1", relay.port(), "renraku", "s3cret!パス", MailSettings.Tls.NONE), 100),
					true);
			List<String> session = relay.sessions.get(0);
			int auth = session.stream().filter(c -> c.startsWith("AUTH PLAIN")).findFirst().map(session::indexOf).get();
			int firstMail = session.stream()
				.filter(c -> c.startsWith("MAIL FROM"))
				.findFirst()
				.map(session::indexOf)
				.get();
			assertThat(auth).isLessThan(firstMail);
			assertThat(relay.groups).filteredOn(group -> group.get(0).startsWith("MAIL FROM"))
				.hasSize(3)
				.allSatisfy(group -> assertThat(group).hasSize(3));
			assertThat(relay.accepted).hasSize(3);
		}
	}

	@Test
	void pipeliningSwitchedOffSendsOneCommandAtATimeEvenWhenOffered() throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(
				PipeliningSmtpServer.Script.accepting(true).answeringAtOnce())) {
			send(new SmtpConnection(DeliveryFixtures.plain(relay.port()), 100, false), false);
			assertThat(relay.groups).allSatisfy(group -> assertThat(group).hasSize(1));
			assertThat(relay.accepted).hasSize(3);
		}
	}

	@Test
	void afterStartTlsThePipelinedMailGoesOverTheSecuredConnection(@TempDir Path dir) throws Exception {
		KeyStore keys = selfSigned(dir);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD);
		SSLContext server = SSLContext.getInstance("TLS");
		server.init(keyManagers.getKeyManagers(), null, null);
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("relay", keys.getCertificate("relay"));
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext client = SSLContext.getInstance("TLS");
		client.init(null, trust.getTrustManagers(), null);
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(
				PipeliningSmtpServer.Script.accepting(true).startTls(server).auth("renraku", "s3cret"))) {
			send(new SmtpConnection(
					new SmtpTarget("127.0.0.1", relay.port(), "renraku", "s3cret", MailSettings.Tls.STARTTLS), 100,
					true, client.getSocketFactory()), true);
			List<String> session = relay.sessions.get(0);
			assertThat(session.subList(0, 4)).satisfies(start -> {
				assertThat(start.get(0)).startsWith("EHLO");
				assertThat(start.get(1)).isEqualTo("STARTTLS");
				assertThat(start.get(2)).startsWith("EHLO");
				assertThat(start.get(3)).startsWith("AUTH PLAIN");
			});
			assertThat(relay.groups).filteredOn(group -> group.get(0).startsWith("MAIL FROM"))
				.hasSize(3)
				.allSatisfy(group -> assertThat(group).hasSize(3));
			assertThat(relay.accepted).hasSize(3);
		}
	}

	/** A key and certificate for 127.0.0.1, made by the JDK's keytool. */
	private static KeyStore selfSigned(Path dir) throws Exception {
		Path store = dir.resolve("relay.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
		assertThat(keytool.waitFor()).isZero();
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, PASSWORD);
		}
		return keys;
	}

}
