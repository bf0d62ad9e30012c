package jp.renraku.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * A real SMTP server on 127.0.0.1, scripted reply by reply, that writes down what came
 * over the wire. Offering PIPELINING it answers nothing of a group before the group's
 * DATA (or RSET, QUIT) has arrived, as RFC 2920 lets a server do: a client that waited
 * for each reply would get none, so every group it records was sent without waiting.
 * Without PIPELINING (or told to) it answers each command at once.
 */
final class PipeliningSmtpServer implements AutoCloseable {

	/** The replies a test scripts; each takes the transaction's recipient. */
	record Script(boolean pipelining, boolean hold, Function<String, String> mail, Function<String, String> rcpt,
			Function<String, String> data, Function<String, String> endOfData, Function<String, Boolean> dropAfter,
			@Nullable String plainCredentials, @Nullable SSLContext tls) {

		static Script accepting(boolean pipelining) {
			return new Script(pipelining, pipelining, r -> "250 2.1.0 ok", r -> "250 2.1.5 ok",
					r -> r == null ? "554 5.5.1 no valid recipients" : "354 go ahead", r -> "250 2.0.0 queued",
					r -> false, null, null);
		}

		/** Offers PIPELINING but answers each command at once. */
		Script answeringAtOnce() {
			return new Script(pipelining, false, mail, rcpt, data, endOfData, dropAfter, plainCredentials, tls);
		}

		/** Offers STARTTLS with this server side and takes mail only after it. */
		Script startTls(SSLContext context) {
			return new Script(pipelining, hold, mail, rcpt, data, endOfData, dropAfter, plainCredentials, context);
		}

		/** Refuses mail until the client signs in with AUTH PLAIN as this user. */
		Script auth(String user, String password) {
			return new Script(pipelining, hold, mail, rcpt, data, endOfData, dropAfter, "\0" + user + "\0" + password,
					tls);
		}

		Script rcpt(Function<String, String> reply) {
			return new Script(pipelining, hold, mail, reply, data, endOfData, dropAfter, plainCredentials, tls);
		}

		Script data(Function<String, String> reply) {
			return new Script(pipelining, hold, mail, rcpt, reply, endOfData, dropAfter, plainCredentials, tls);
		}

		Script endOfData(Function<String, String> reply) {
			return new Script(pipelining, hold, mail, rcpt, data, reply, dropAfter, plainCredentials, tls);
		}

		Script dropAfter(Function<String, Boolean> drop) {
			return new Script(pipelining, hold, mail, rcpt, data, endOfData, drop, plainCredentials, tls);
		}

	}

	private final LoopbackServer server;

	private final Script script;

	/** Each session's commands, and "message to <rcpt>" for each message received. */
	final List<List<String>> sessions = new CopyOnWriteArrayList<>();

	/** The commands the server had read each time before it answered. */
	final List<List<String>> groups = new CopyOnWriteArrayList<>();

	/** Recipients whose message got the 250 to its end of data. */
	final List<String> accepted = new CopyOnWriteArrayList<>();

	/**
	 * For each message's end of data, whether more had already come with it (the next
	 * transaction's commands in the same write).
	 */
	final List<Boolean> moreWithEndOfData = new CopyOnWriteArrayList<>();

	/** Each message received, by the recipient of its transaction. */
	final Map<String, String> messages = new ConcurrentHashMap<>();

	PipeliningSmtpServer(Script script) throws IOException {
		this.script = script;
		this.server = new LoopbackServer("pipelining-smtp", this::talk);
	}

	int port() {
		return server.port();
	}

	private void talk(Socket client) throws IOException {
		BufferedReader in = reader(client);
		OutputStream out = client.getOutputStream();
		boolean secured = script.tls() == null;
		List<String> session = new CopyOnWriteArrayList<>();
		sessions.add(session);
		write(out, List.of("220 scripted ESMTP"));
		List<String> group = new ArrayList<>();
		List<String> replies = new ArrayList<>();
		String from = null;
		String recipient = null;
		boolean signedIn = script.plainCredentials() == null;
		String line;
		while ((line = in.readLine()) != null) {
			session.add(line);
			group.add(line);
			String upper = line.toUpperCase(Locale.ROOT);
			boolean endsGroup = !script.hold() || !(upper.startsWith("MAIL FROM") || upper.startsWith("RCPT TO"));
			if (upper.startsWith("EHLO")) {
				replies.add("250-scripted\r\n" + (secured ? "" : "250-STARTTLS\r\n")
						+ (script.plainCredentials() != null ? "250-AUTH PLAIN\r\n" : "")
						+ (script.pipelining() ? "250-8BITMIME\r\n250 PIPELINING" : "250 8BITMIME"));
			}
			else if (upper.startsWith("AUTH PLAIN")) {
				String response = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length())
						: prompt(out, in);
				String given = new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
				// authorisation id, user, password; the id may be empty or the user
				signedIn = script.plainCredentials() != null
						&& given.substring(given.indexOf('\0')).equals(script.plainCredentials());
				replies.add(signedIn ? "235 2.7.0 accepted" : "535 5.7.8 credentials invalid");
			}
			else if (upper.equals("STARTTLS") && !secured) {
				write(out, List.of("220 2.0.0 go ahead"));
				groups.add(List.copyOf(group));
				group.clear();
				SSLSocket tls = (SSLSocket) script.tls()
					.getSocketFactory()
					.createSocket(client, client.getInetAddress().getHostAddress(), client.getPort(), true);
				tls.setUseClientMode(false);
				tls.startHandshake();
				in = reader(tls);
				out = tls.getOutputStream();
				secured = true;
				continue;
			}
			else if (upper.startsWith("MAIL FROM") && !secured) {
				replies.add("530 5.7.0 must issue a STARTTLS command first");
			}
			else if (upper.startsWith("MAIL FROM") && !signedIn) {
				replies.add("530 5.7.0 authentication required");
			}
			else if (upper.startsWith("MAIL FROM")) {
				String reply = script.mail().apply(null);
				from = reply.startsWith("2") ? line : null;
				recipient = null;
				replies.add(reply);
			}
			else if (upper.startsWith("RCPT TO")) {
				String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
				String reply = from == null ? "503 5.5.1 need MAIL" : script.rcpt().apply(address);
				if (reply.startsWith("2")) {
					recipient = address;
				}
				replies.add(reply);
			}
			else if (upper.equals("DATA")) {
				String reply = from == null ? "503 5.5.1 need MAIL" : script.data().apply(recipient);
				replies.add(reply);
				if (reply.startsWith("354")) {
					write(out, replies);
					groups.add(List.copyOf(group));
					group.clear();
					replies.clear();
					String message = content(in);
					moreWithEndOfData.add(in.ready());
					session.add(message.isEmpty() ? "empty message" : "message to " + recipient);
					if (recipient != null && script.dropAfter().apply(recipient)) {
						return;
					}
					String end = recipient == null ? "554 5.5.1 no valid recipients"
							: script.endOfData().apply(recipient);
					if (end.startsWith("250") && recipient != null) {
						accepted.add(recipient);
						messages.put(recipient, message);
					}
					write(out, List.of(end));
					from = null;
					recipient = null;
					continue;
				}
			}
			else if (upper.equals("RSET")) {
				from = null;
				recipient = null;
				replies.add("250 2.0.0 reset");
			}
			else if (upper.equals("NOOP")) {
				replies.add("250 2.0.0 ok");
			}
			else if (upper.equals("QUIT")) {
				write(out, List.of("221 2.0.0 bye"));
				return;
			}
			else {
				replies.add("502 5.5.2 not a command: " + line);
			}
			if (replies.stream().anyMatch(reply -> reply.startsWith("421"))) {
				// closing: what is answered so far, then the connection ends
				write(out, replies);
				return;
			}
			if (endsGroup) {
				write(out, replies);
				groups.add(List.copyOf(group));
				group.clear();
				replies.clear();
			}
		}
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	private static String prompt(OutputStream out, BufferedReader in) throws IOException {
		write(out, List.of("334 "));
		String answer = in.readLine();
		return answer == null ? "" : answer;
	}

	/** The message up to its end of data, dots unstuffed, lines joined by CRLF. */
	private static String content(BufferedReader in) throws IOException {
		StringBuilder message = new StringBuilder();
		String line;
		while ((line = in.readLine()) != null && !line.equals(".")) {
			message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
		}
		return message.toString();
	}

	private static void write(OutputStream out, List<String> replies) throws IOException {
		StringBuilder text = new StringBuilder();
		replies.forEach(reply -> text.append(reply).append("\r\n"));
		out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
