package jp.renraku.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
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

	private final LoopbackServer server;

	private final Function<String, String> rcptReply;

	final List<String> accepted = new CopyOnWriteArrayList<>();

	/** The recipients accepted in each SMTP session, one list per session. */
	final List<List<String>> sessions = new CopyOnWriteArrayList<>();

	/** User and password the server demands with AUTH; null for none. */
	private final String[] credentials;

	/** Users who signed in with AUTH, one entry per successful sign-in. */
	final List<String> logins = new CopyOnWriteArrayList<>();

	ScriptedSmtpServer(Function<String, String> rcptReply) throws IOException {
		this(rcptReply, null, null);
	}

	/** A server that refuses mail until the client signs in as the user with AUTH. */
	ScriptedSmtpServer(Function<String, String> rcptReply, String user, String password) throws IOException {
		this.credentials = user == null ? null : new String[] { user, password };
		this.rcptReply = rcptReply;
		this.server = new LoopbackServer("scripted-smtp", this::talk);
	}

	int port() {
		return server.port();
	}

	private void talk(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = client.getOutputStream();
		List<String> session = new CopyOnWriteArrayList<>();
		sessions.add(session);
		reply(out, "220 scripted ESMTP");
		String recipient = null;
		boolean signedIn = credentials == null;
		String line;
		while ((line = in.readLine()) != null) {
			String upper = line.toUpperCase(Locale.ROOT);
			if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
				reply(out, credentials == null ? "250 scripted" : "250-scripted\r\n250 AUTH PLAIN LOGIN");
			}
			else if (upper.startsWith("AUTH ")) {
				String[] given = authenticate(line, in, out);
				signedIn = credentials != null && Arrays.equals(given, credentials);
				if (signedIn) {
					logins.add(given[0]);
				}
				reply(out, signedIn ? "235 2.7.0 accepted" : "535 5.7.8 credentials invalid");
			}
			else if (upper.startsWith("MAIL FROM") && !signedIn) {
				reply(out, "530 5.7.0 authentication required");
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

	/** Reads AUTH PLAIN or AUTH LOGIN and returns the user and password given. */
	private static String[] authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
		String[] words = line.split(" ");
		Base64.Decoder base64 = Base64.getDecoder();
		if (words[1].equalsIgnoreCase("PLAIN")) {
			String response = words.length > 2 ? words[2] : prompt(out, in, "");
			String[] parts = new String(base64.decode(response), StandardCharsets.UTF_8).split("\0");
			return parts.length == 3 ? new String[] { parts[1], parts[2] } : new String[0];
		}
		String user = words.length > 2 ? words[2] : prompt(out, in, "VXNlcm5hbWU6");
		String password = prompt(out, in, "UGFzc3dvcmQ6");
		return new String[] { new String(base64.decode(user), StandardCharsets.UTF_8),
				new String(base64.decode(password), StandardCharsets.UTF_8) };
	}

	private static String prompt(OutputStream out, BufferedReader in, String challenge) throws IOException {
		reply(out, "334 " + challenge);
		String answer = in.readLine();
		return answer == null ? "" : answer.strip();
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
