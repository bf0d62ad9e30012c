package jp.renraku.delivery;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.mail.SmtpTarget;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's SMTP connection, kept open for many messages and renewed after a
 * configured number of them (mobile carriers cut long sessions) or after any error.
 * Jakarta Mail opens it, says EHLO and does STARTTLS and AUTH. When the relay offers
 * PIPELINING (RFC 2920), Renraku's own {@link PipelinedSmtp} sends the messages on it,
 * one wait for the relay per message of a batch instead of four; otherwise Jakarta Mail
 * sends them one command at a time, as before. A refused message does not end a pipelined
 * session: the transaction is reset and the next message goes on it.
 */
final class SmtpConnection implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

	private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

	/**
	 * How a send ended: accepted, or refused with the server's code and reply (0 for no
	 * answer).
	 */
	record Result(boolean accepted, int code, @Nullable String reply) {

		boolean permanent() {
			return code >= 500 && code < 600;
		}

	}

	private final SmtpTarget target;

	private final Session session;

	private final int messagesPerConnection;

	private final boolean pipelining;

	private final SSLSocketFactory tls;

	private final SessionSockets sockets;

	private @Nullable Transport transport;

	/** The mail transactions of the open connection when the relay pipelines. */
	private @Nullable PipelinedSmtp pipelined;

	private int sentOnThisConnection;

	private long lastUsed;

	SmtpConnection(SmtpTarget target, int messagesPerConnection) {
		this(target, messagesPerConnection, true);
	}

	/**
	 * @param pipelining whether to pipeline when the relay offers it; false sends every
	 * message through Jakarta Mail, one command at a time
	 */
	SmtpConnection(SmtpTarget target, int messagesPerConnection, boolean pipelining) {
		this(target, messagesPerConnection, pipelining, (SSLSocketFactory) SSLSocketFactory.getDefault());
	}

	/**
	 * @param tls the TLS sockets to make; tests name one that trusts their relay
	 */
	SmtpConnection(SmtpTarget target, int messagesPerConnection, boolean pipelining, SSLSocketFactory tls) {
		this.target = target;
		this.pipelining = pipelining;
		this.tls = tls;
		this.sockets = new SessionSockets(tls);
		Properties properties = target.sessionProperties();
		String prefix = "mail." + target.protocol() + ".";
		properties.put(prefix + "socketFactory", sockets.plain());
		properties.put(prefix + "ssl.socketFactory", sockets.tls());
		// a socket made elsewhere would not be the one pipelined on
		properties.put(prefix + "socketFactory.fallback", "false");
		this.session = Session.getInstance(properties);
		this.messagesPerConnection = messagesPerConnection;
	}

	/** Another connection to the same relay, the same way, for a carrier's session. */
	SmtpConnection another(int messagesPerConnection) {
		return new SmtpConnection(target, messagesPerConnection, pipelining, tls);
	}

	SmtpTarget target() {
		return target;
	}

	Session session() {
		return session;
	}

	/**
	 * Opens the connection if needed and tells whether the relay takes 8-bit text
	 * (8BITMIME). False when the relay cannot be reached; {@link #send} then reports
	 * that.
	 */
	boolean eightBitMime() {
		try {
			return connected() instanceof SMTPTransport smtp && smtp.supportsExtension("8BITMIME");
		}
		catch (MessagingException ex) {
			close();
			return false;
		}
	}

	/** Whether the open connection pipelines; opens it if needed. For tests. */
	boolean pipelining() {
		eightBitMime();
		return pipelined != null;
	}

	/**
	 * Sends one message to one recipient: pipelined when it is a written-out message and
	 * the relay pipelines, else through Jakarta Mail.
	 */
	Result send(MimeMessage message, Address recipient) {
		if (message instanceof RenderedMessage rendered && rendered.getEnvelopeFrom() != null
				&& recipient instanceof InternetAddress to) {
			Result[] heard = { new Result(false, 0, "not sent") };
			send(List.of(new Outgoing(rendered, to)), (index, result) -> heard[0] = result);
			return heard[0];
		}
		return sendThroughJakarta(message, recipient);
	}

	private Result sendThroughJakarta(MimeMessage message, Address recipient) {
		boolean reused = transport != null;
		Result result = sendOnce(message, recipient);
		if (reused && !result.accepted() && result.code() == 0) {
			// a kept-open connection the relay had closed meanwhile: once more on a fresh
			// one
			result = sendOnce(message, recipient);
		}
		return result;
	}

	private Result sendOnce(MimeMessage message, Address recipient) {
		try {
			connected().sendMessage(message, new Address[] { recipient });
			sentOnThisConnection++;
			lastUsed = System.nanoTime();
			return new Result(true, 250, null);
		}
		catch (MessagingException ex) {
			close();
			return JakartaRefusals.of(ex);
		}
	}

	/**
	 * Sends the messages in order, each to its one recipient, and tells each outcome as
	 * the relay gives it. Pipelined, the relay is waited for once per message; a session
	 * the relay ends (421, a broken connection) goes on with the rest on a fresh one, and
	 * a kept-open connection that turns out closed at its first message is replaced once.
	 * @return how many messages have an outcome; the rest were not tried, because the
	 * relay did not answer
	 */
	int send(List<Outgoing> messages, PipelinedSmtp.Outcomes outcomes) {
		int done = 0;
		boolean replaced = false;
		while (done < messages.size()) {
			boolean reused = transport != null;
			try {
				connected();
			}
			catch (MessagingException ex) {
				close();
				outcomes.heard(done, JakartaRefusals.of(ex));
				return done + 1;
			}
			Outgoing first = messages.get(done);
			PipelinedSmtp smtp = pipelined;
			if (smtp == null || first.message().getEnvelopeFrom() == null) {
				Result result = sendThroughJakarta(first.message(), first.to());
				outcomes.heard(done++, result);
				if (!result.accepted() && result.code() == 0) {
					return done;
				}
				continue;
			}
			List<Outgoing> group = messages.subList(done,
					Math.min(messages.size(), done + Math.max(1, messagesPerConnection - sentOnThisConnection)));
			SessionOutcomes heard = new SessionOutcomes(done, reused && !replaced, outcomes);
			int told = smtp.send(group.stream().map(Outgoing::mail).toList(), heard);
			sentOnThisConnection += told;
			lastUsed = System.nanoTime();
			if (!smtp.usable()) {
				// the socket first, so that Jakarta Mail's QUIT does not wait on a dead
				// relay
				smtp.abandon();
				close();
			}
			if (heard.lostAtOnce()) {
				replaced = true;
				continue;
			}
			done += told;
			if (heard.unanswered()) {
				return done;
			}
		}
		return done;
	}

	/**
	 * The open connection, or a new one. Asking the relay whether a connection is alive
	 * costs a NOOP round trip, as much as a third of a message's time on a fast relay, so
	 * only a connection idle for a while is asked; a send that fails on a reused
	 * connection is tried once more on a fresh one.
	 */
	private Transport connected() throws MessagingException {
		if (transport != null && (sentOnThisConnection >= messagesPerConnection
				|| (System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()))) {
			close();
		}
		if (transport == null) {
			Transport fresh = session.getTransport(target.protocol());
			fresh.connect(target.host(), target.port(), target.username(), target.password());
			transport = fresh;
			pipelined = pipelinedOn(fresh);
			sentOnThisConnection = 0;
			lastUsed = System.nanoTime();
		}
		return transport;
	}

	/**
	 * Renraku's own mail transactions on the socket Jakarta Mail just greeted and
	 * secured, when the relay offers PIPELINING; null to leave the sending to Jakarta
	 * Mail.
	 */
	private @Nullable PipelinedSmtp pipelinedOn(Transport fresh) {
		Socket socket = sockets.current();
		if (!pipelining || !(fresh instanceof SMTPTransport smtp) || !smtp.supportsExtension("PIPELINING")
				|| socket == null) {
			return null;
		}
		try {
			log.debug("Relay {}:{} offers PIPELINING; this connection pipelines", target.host(), target.port());
			return new PipelinedSmtp(socket);
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		if (transport != null) {
			try {
				transport.close();
			}
			catch (MessagingException ex) {
				// the connection is gone either way
			}
			transport = null;
			pipelined = null;
		}
	}

}
