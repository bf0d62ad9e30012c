package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The mail transactions of one SMTP session with PIPELINING (RFC 2920), on a connection
 * Jakarta Mail opened, greeted and secured. Per message: MAIL FROM, RCPT TO (one
 * recipient, always) and DATA in one group, their three replies read in order; the
 * message only when all three said yes. The message's end of data goes in one write with
 * the next message's MAIL FROM, RCPT TO and DATA (RFC 2920 lets the content open a
 * group), so the session waits for the relay once per message. A message is accepted only
 * by the 250 to its end of data; after that reply the transaction is over, taken or not,
 * so the next one may already be on its way. Anything else is a refusal with the server's
 * reply (the first refusing one: MAIL, then RCPT, then DATA), after which the transaction
 * is reset (RSET, in the same write as the next group) so that the session goes on. A
 * broken connection, a timeout or a line that is no reply is reported as code 0, and a
 * 421 as itself; either ends the session, and the messages after it are left to the
 * caller.
 */
final class PipelinedSmtp {

	/**
	 * One message to one recipient, as it goes on the wire before dot-stuffing;
	 * {@code dotFree} when it needs none (CRLF lines, none beginning with a dot).
	 */
	record Mail(String envelopeFrom, String recipient, byte[] message, boolean dotFree) {
	}

	/** Hears each message's outcome as soon as the relay gave it. */
	@FunctionalInterface
	interface Outcomes {

		void heard(int index, SmtpConnection.Result result);

	}

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] END_OF_DATA = { '.', '\r', '\n' };

	private final Socket socket;

	private final SmtpReply.Reader in;

	private final OutputStream out;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16384);

	private boolean usable = true;

	PipelinedSmtp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new SmtpReply.Reader(socket.getInputStream(), 4096);
		this.out = socket.getOutputStream();
	}

	/**
	 * Sends the messages in order, each to its one recipient, and tells each outcome as
	 * it comes: accepted, refused with the server's reply, or code 0 when the connection
	 * broke or the server answered out of turn (the message may or may not have been
	 * taken, as with any session that breaks before its last reply).
	 * @return how many messages have an outcome; fewer than given when the session ended
	 * (see {@link #usable()}), and the rest were not sent
	 */
	int send(List<Mail> mails, Outcomes outcomes) {
		if (mails.isEmpty()) {
			return 0;
		}
		int index = 0;
		try {
			buffer.reset();
			envelope(mails.get(0));
			write();
			for (; index < mails.size(); index++) {
				Mail mail = mails.get(index);
				@Nullable Mail next = index + 1 < mails.size() ? mails.get(index + 1) : null;
				SmtpConnection.Result result = transaction(mail, next);
				outcomes.heard(index, result);
				if (!usable) {
					return index + 1;
				}
			}
			return index;
		}
		catch (IOException ex) {
			usable = false;
			outcomes.heard(index, new SmtpConnection.Result(false, 0, ex.toString()));
			return index + 1;
		}
	}

	/**
	 * The rest of one transaction whose MAIL FROM, RCPT TO and DATA are on the wire:
	 * their replies, then the message or the reset, written together with the next
	 * message's group.
	 */
	private SmtpConnection.Result transaction(Mail mail, @Nullable Mail next) throws IOException {
		SmtpReply from = in.next();
		if (from.closing()) {
			// the server ends the session: the other replies will not come
			return refused(from);
		}
		SmtpReply rcpt = in.next();
		if (rcpt.closing()) {
			return refused(rcpt);
		}
		SmtpReply data = in.next();
		if (from.positive() && rcpt.positive() && data.code() == 354) {
			if (mail.dotFree()) {
				buffer.writeBytes(mail.message());
			}
			else {
				DotStuffing.write(mail.message(), buffer);
			}
			buffer.writeBytes(END_OF_DATA);
			envelope(next);
			write();
			SmtpReply end = in.next();
			return end.code() == 250 ? new SmtpConnection.Result(true, 250, null) : refused(end);
		}
		SmtpReply refusal = !from.positive() ? from : !rcpt.positive() ? rcpt : data;
		if (data.code() == 354) {
			// DATA taken although MAIL or RCPT was refused: RFC 2920 asks for an
			// empty message, which the server has nobody to send to
			buffer.writeBytes(END_OF_DATA);
		}
		if (refusal.closing()) {
			write();
			return refused(refusal);
		}
		// ends the refused transaction, so that the next MAIL FROM does not come nested
		command("RSET");
		envelope(next);
		write();
		if (data.code() == 354) {
			in.next();
		}
		if (in.next().code() != 250) {
			usable = false;
		}
		return refused(refusal);
	}

	/** False once the session broke or the server closed it. */
	boolean usable() {
		return usable;
	}

	/** Closes the connection under the session. */
	void abandon() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed either way
		}
	}

	private SmtpConnection.Result refused(SmtpReply reply) {
		if (reply.closing()) {
			usable = false;
		}
		return new SmtpConnection.Result(false, reply.code(), reply.text());
	}

	/** The group that opens a transaction: one sender, one recipient, DATA. */
	private void envelope(@Nullable Mail mail) {
		if (mail != null) {
			command("MAIL FROM:<" + mail.envelopeFrom() + ">");
			command("RCPT TO:<" + mail.recipient() + ">");
			command("DATA");
		}
	}

	private void command(String line) {
		buffer.writeBytes(line.getBytes(StandardCharsets.UTF_8));
		buffer.writeBytes(CRLF);
	}

	private void write() throws IOException {
		buffer.writeTo(out);
		out.flush();
		buffer.reset();
	}

}
