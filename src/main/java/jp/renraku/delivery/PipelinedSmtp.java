package jp.renraku.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The mail transactions of one SMTP session with PIPELINING (RFC 2920), on a connection
 * Jakarta Mail opened, greeted and secured. Per message: MAIL FROM, RCPT TO (one
 * recipient, always) and DATA in one write, their three replies read in order; the
 * message only when all three said yes, then its end of data and that reply. A message is
 * accepted only by the 250 to its end of data. Anything else is a refusal with the
 * server's reply (the first refusing one: MAIL, then RCPT, then DATA), after which the
 * transaction is reset (RSET) so that the session goes on with the next message. A broken
 * connection, a timeout or a line that is no reply is reported as code 0, and a 421 as
 * itself; either leaves the session unusable.
 */
final class PipelinedSmtp {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] END_OF_DATA = { '.', '\r', '\n' };

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);

	private boolean usable = true;

	PipelinedSmtp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 4096);
		this.out = socket.getOutputStream();
	}

	/**
	 * Sends one message to one recipient.
	 * @param message the whole message as it goes on the wire before dot-stuffing
	 * @return the outcome by the server's reply; code 0 when the connection broke or the
	 * server answered out of turn (the message may or may not have been taken, as with
	 * any session that breaks before its last reply)
	 */
	SmtpConnection.Result send(String envelopeFrom, String recipient, byte[] message) {
		try {
			buffer.reset();
			command("MAIL FROM:<" + envelopeFrom + ">");
			command("RCPT TO:<" + recipient + ">");
			command("DATA");
			write();
			SmtpReply mail = SmtpReply.read(in);
			if (mail.closing()) {
				// the server ends the session: the other replies will not come
				return refused(mail);
			}
			SmtpReply rcpt = SmtpReply.read(in);
			if (rcpt.closing()) {
				return refused(rcpt);
			}
			SmtpReply data = SmtpReply.read(in);
			if (mail.positive() && rcpt.positive() && data.code() == 354) {
				DotStuffing.write(message, buffer);
				buffer.writeBytes(END_OF_DATA);
				write();
				SmtpReply end = SmtpReply.read(in);
				// after the end of data the transaction is over, taken or not
				return end.code() == 250 ? new SmtpConnection.Result(true, 250, null) : refused(end);
			}
			if (data.code() == 354) {
				// DATA taken although MAIL or RCPT was refused: RFC 2920 asks
				// for an empty message, which the server has nobody to send to
				buffer.writeBytes(END_OF_DATA);
				write();
				SmtpReply.read(in);
			}
			SmtpReply refusal = !mail.positive() ? mail : !rcpt.positive() ? rcpt : data;
			if (!refusal.closing()) {
				reset();
			}
			return refused(refusal);
		}
		catch (IOException ex) {
			usable = false;
			return new SmtpConnection.Result(false, 0, ex.toString());
		}
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

	/** Ends a refused transaction, so that the next MAIL FROM does not come nested. */
	private void reset() throws IOException {
		command("RSET");
		write();
		if (SmtpReply.read(in).code() != 250) {
			usable = false;
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
