package jp.renraku.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The relay every node sends to: an SMTP server on 127.0.0.1 that offers PIPELINING,
 * accepts every message and keeps, for each, the recipient and the moment its end of data
 * arrived, so that a test can count messages per recipient and per minute as a carrier
 * would.
 */
final class CountingSink implements AutoCloseable {

	/** One message accepted: its recipient and when. */
	record Arrival(String recipient, Instant at) {
	}

	private final ServerSocket socket;

	private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

	CountingSink() throws IOException {
		this.socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::serve, "sink");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	/** Messages accepted so far whose recipient passes the test. */
	long count(Predicate<String> recipient) {
		return arrivals.stream().filter(a -> recipient.test(a.recipient())).count();
	}

	/** How many messages each recipient that passes the test got. */
	Map<String, Long> perRecipient(Predicate<String> recipient) {
		return arrivals.stream()
			.filter(a -> recipient.test(a.recipient()))
			.collect(Collectors.groupingBy(Arrival::recipient, Collectors.counting()));
	}

	/**
	 * The most messages to matching recipients that arrived within any window of the
	 * given length (a sliding window over the arrivals).
	 */
	long mostWithin(Duration window, Predicate<String> recipient) {
		List<Instant> times = new ArrayList<>(
				arrivals.stream().filter(a -> recipient.test(a.recipient())).map(Arrival::at).sorted().toList());
		long most = 0;
		int start = 0;
		for (int end = 0; end < times.size(); end++) {
			while (!times.get(start).plus(window).isAfter(times.get(end))) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	/** Messages to matching recipients per whole minute from the first one. */
	List<Long> perMinute(Predicate<String> recipient) {
		List<Instant> times = arrivals.stream()
			.filter(a -> recipient.test(a.recipient()))
			.map(Arrival::at)
			.sorted()
			.toList();
		if (times.isEmpty()) {
			return List.of();
		}
		Instant first = times.get(0);
		Function<Instant, Long> minute = at -> Duration.between(first, at).toMinutes();
		Map<Long, Long> counts = times.stream().collect(Collectors.groupingBy(minute, Collectors.counting()));
		List<Long> minutes = new ArrayList<>();
		for (long m = 0; m <= minute.apply(times.get(times.size() - 1)); m++) {
			minutes.add(counts.getOrDefault(m, 0L));
		}
		return minutes;
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
						// the client went away (or was killed)
					}
				}, "sink-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void talk(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
		OutputStream raw = client.getOutputStream();
		Writer out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.US_ASCII));
		out.write("220 sink ready\r\n");
		out.flush();
		List<String> recipients = new ArrayList<>();
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
			switch (command) {
				case "EHLO" -> out.write("250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
				case "HELO", "NOOP" -> out.write("250 ok\r\n");
				case "MAIL", "RSET" -> {
					recipients.clear();
					out.write("250 2.1.0 ok\r\n");
				}
				case "RCPT" -> {
					int open = line.indexOf('<');
					int close = line.indexOf('>', open);
					recipients.add(line.substring(open + 1, close).toLowerCase(java.util.Locale.ROOT));
					out.write("250 2.1.5 ok\r\n");
				}
				case "DATA" -> {
					out.write("354 go ahead\r\n");
					out.flush();
					String data;
					while ((data = in.readLine()) != null && !data.equals(".")) {
						// the content is not looked at
					}
					if (data == null) {
						return;
					}
					Instant now = Instant.now();
					recipients.forEach(r -> arrivals.add(new Arrival(r, now)));
					recipients.clear();
					out.write("250 2.0.0 queued\r\n");
				}
				case "QUIT" -> {
					out.write("221 2.0.0 bye\r\n");
					out.flush();
					return;
				}
				default -> out.write("502 5.5.2 not here\r\n");
			}
			if (!in.ready()) {
				out.flush();
			}
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
