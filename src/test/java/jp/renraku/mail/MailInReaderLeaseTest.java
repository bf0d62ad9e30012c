package jp.renraku.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.common.NodeLeases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database read one mail-in mailbox (issue 18): one at a time, the one
 * holding the lease; the other leaves the mail where it is, and takes over once the
 * holder's lease has run out or the holder let it go at shutdown.
 */
@RenrakuIntegrationTest
class MailInReaderLeaseTest {

	private static final String MAILBOX = "mail-in@bounce.example.jp";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	MailInSettings settings;

	GreenMail server;

	GreenMailUser user;

	List<String> handled = new CopyOnWriteArrayList<>();

	@BeforeEach
	void mailboxAndNoLease() {
		server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		user = server.setUser(MAILBOX, "mail-in", "secret");
		jdbc.sql("DELETE FROM node_lease").update();
	}

	@AfterEach
	void stopServer() {
		server.stop();
		jdbc.sql("DELETE FROM node_lease").update();
	}

	private MailInMailbox node(String name, Clock at) {
		IncomingMail recording = message -> {
			handled.add(name + ": " + message.getSubject());
			return IncomingMail.Outcome.HANDLED;
		};
		return new MailInMailbox(settings, List.of(recording), new NodeLeases(jdbc, at, name));
	}

	private MailInSettings.Mailbox box() {
		return new MailInSettings.Mailbox(true, "imap", "127.0.0.1", server.getImap().getPort(), "mail-in", "secret",
				"INBOX", null, Duration.ofMinutes(1), 100);
	}

	private void deliver(String subject) {
		user.deliver(GreenMailUtil
			.newMimeMessage("From: a@example.jp\r\nTo: " + MAILBOX + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n"));
	}

	@Test
	void oneNodeReadsAtATimeAndAnotherTakesOverWhenTheLeaseRunsOut() throws Exception {
		MailInMailbox a = node("a", clock);
		MailInMailbox b = node("b", clock);
		deliver("first");
		assertThat(a.readAsTheOneReader(box())).map(MailInMailbox.Reading::handled).contains(1);
		deliver("second");
		// a holds the lease: b reads nothing and the mail stays in the mailbox
		assertThat(b.readAsTheOneReader(box())).isEmpty();
		assertThat(server.getReceivedMessages()).singleElement()
			.satisfies(left -> assertThat(left.getSubject()).isEqualTo("second"));
		assertThat(a.readAsTheOneReader(box())).map(MailInMailbox.Reading::handled).contains(1);
		assertThat(handled).containsExactly("a: first", "a: second");

		// a stopped reading (died): three minutes later its lease has run out
		MailInMailbox later = node("b", Clock.offset(clock, Duration.ofMinutes(3)));
		deliver("third");
		assertThat(later.readAsTheOneReader(box())).map(MailInMailbox.Reading::handled).contains(1);
		assertThat(a.readAsTheOneReader(box())).isEmpty();
		assertThat(handled).containsExactly("a: first", "a: second", "b: third");
	}

	@Test
	void aNodeThatShutsDownHandsTheReadingOverAtOnce() throws Exception {
		NodeLeases aLeases = new NodeLeases(jdbc, clock, "a");
		MailInMailbox a = new MailInMailbox(settings, List.of(message -> IncomingMail.Outcome.NOT_MINE), aLeases);
		MailInMailbox b = node("b", clock);
		assertThat(a.readAsTheOneReader(box())).isPresent();
		assertThat(b.readAsTheOneReader(box())).isEmpty();
		aLeases.releaseAll();
		deliver("after the restart");
		Optional<MailInMailbox.Reading> reading = b.readAsTheOneReader(box());
		assertThat(reading).map(MailInMailbox.Reading::handled).contains(1);
		assertThat(handled).containsExactly("b: after the restart");
	}

}
