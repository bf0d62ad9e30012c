package jp.renraku.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real SMTP server on 127.0.0.1 whose answer to each RCPT TO is chosen by the test, for
 * the replies GreenMail does not give (4xx, 5xx). Records the recipients whose message it
 * accepted.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Function<String, String> rcptReply;

	final List<String> accepted = new CopyOnWriteArrayList<>();

	/** The recipients accepted in each SMTP session, one list per session. */
	final List<List<String>> sessions = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	ScriptedSmtpServer(Function<String, String> rcptReply) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.rcptReply = rcptReply;
		this.acceptor = new Thread(this::serve, "scripted-smtp");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	private void serve() {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Thread session = new Thread(() -> {
					try (client) {
						talk(client);
					}
					catch (IOException ex) {
						// the client went away
					}
				}, "scripted-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void talk(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = client.getOutputStream();
		List<String> session = new CopyOnWriteArrayList<>();
		sessions.add(session);
		reply(out, "220 scripted ESMTP");
		String recipient = null;
		String line;
		while ((line = in.readLine()) != null) {
			String upper = line.toUpperCase(Locale.ROOT);
			if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
				reply(out, "250 scripted");
			}
			else if (upper.startsWith("MAIL FROM")) {
				recipient = null;
				reply(out, "250 ok");
			}
			else if (upper.startsWith("RCPT TO")) {
				String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
				String answer = rcptReply.apply(address);
				if (answer.startsWith("250")) {
					recipient = address;
				}
				reply(out, answer);
			}
			else if (upper.equals("DATA")) {
				reply(out, "354 go ahead");
				while ((line = in.readLine()) != null && !line.equals(".")) {
					// the message itself is not needed here
				}
				if (recipient != null) {
					accepted.add(recipient);
					session.add(recipient);
				}
				reply(out, "250 queued");
			}
			else if (upper.startsWith("RSET") || upper.startsWith("NOOP")) {
				reply(out, "250 ok");
			}
			else if (upper.startsWith("QUIT")) {
				reply(out, "221 bye");
				return;
			}
			else {
				reply(out, "502 not implemented");
			}
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
