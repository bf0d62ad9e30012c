package jp.renraku.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A client of clamd's INSTREAM command: {@code zINSTREAM\0}, the content in chunks each
 * prefixed by its length (4 bytes, big-endian), a zero length to end, then one reply,
 * {@code stream: OK}, {@code stream: <signature> FOUND} or an error. Written here because
 * the client on Maven Central ({@code xyz.capybara:clamav-client}) has neither a Unix
 * socket nor a timeout (see the README's design section).
 */
final class Clamd {

	/**
	 * clamd's own default StreamMaxLength is 25 MB; chunks stay well below its limits.
	 */
	private static final int CHUNK = 64 * 1024;

	/** What clamd said: the signature's name when infected, null when clean. */
	record Verdict(@Nullable String signature) {
		boolean infected() {
			return signature != null;
		}
	}

	private final ScanProperties properties;

	Clamd(ScanProperties properties) {
		this.properties = properties;
	}

	/**
	 * Scans the content; an IOException when clamd does not answer or answers an error.
	 */
	Verdict scan(InputStream content) throws IOException {
		String reply = talk(out -> {
			out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
			byte[] buffer = new byte[CHUNK];
			for (int n; (n = content.read(buffer)) > 0;) {
				out.write(ByteBuffer.allocate(4).putInt(n).array());
				out.write(buffer, 0, n);
			}
			out.write(new byte[4]);
			out.flush();
		});
		if (reply.equals("stream: OK")) {
			return new Verdict(null);
		}
		if (reply.startsWith("stream: ") && reply.endsWith(" FOUND")) {
			return new Verdict(reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
		}
		throw new IOException("clamd answered: " + reply);
	}

	/** True when clamd answers PING with PONG. */
	boolean ping() {
		try {
			return talk(out -> out.write("zPING\0".getBytes(StandardCharsets.US_ASCII))).equals("PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private interface Request {

		void write(OutputStream out) throws IOException;

	}

	/**
	 * One command on a fresh connection and its NUL-terminated reply, within the timeout
	 * for connecting and for the reply (a Unix channel has no read timeout, so the whole
	 * exchange runs under one).
	 */
	private String talk(Request request) throws IOException {
		long millis = properties.timeout().toMillis();
		if (properties.socket() != null && !properties.socket().isBlank()) {
			ExecutorService single = Executors.newSingleThreadExecutor();
			try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				SocketAddress address = UnixDomainSocketAddress.of(properties.socket());
				Future<String> reply = single.submit(() -> {
					channel.connect(address);
					request.write(Channels.newOutputStream(channel));
					return readReply(Channels.newInputStream(channel));
				});
				return reply.get(millis, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | InterruptedException ex) {
				throw new IOException("clamd did not answer within " + properties.timeout(), ex);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
			}
			finally {
				single.shutdownNow();
			}
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(properties.host(), properties.port()), (int) millis);
			socket.setSoTimeout((int) millis);
			request.write(socket.getOutputStream());
			return readReply(socket.getInputStream());
		}
	}

	private static String readReply(InputStream in) throws IOException {
		ByteArrayOutputStream reply = new ByteArrayOutputStream();
		for (int b; (b = in.read()) > 0;) {
			reply.write(b);
		}
		return reply.toString(StandardCharsets.US_ASCII).strip();
	}

}
