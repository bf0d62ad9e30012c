package jp.renraku.scan;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code clamd} of the test's own (Debian's clamav-daemon): signatures cannot be
 * downloaded here, so its database is one file-hash signature of the EICAR test file
 * ({@code eicar.hdb}, MD5:size:name) and one body signature for EICAR inside another file
 * ({@code eicar.ndb}). It listens on a free loopback port and on a Unix socket. Without
 * the binary the test is skipped, and fails under CI (CI=true), like the browser tests.
 */
public final class ClamdServer {

	/**
	 * The EICAR anti-virus test file, 68 bytes; every scanner reports it, none runs it.
	 */
	public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	private static final Path CLAMD = Path.of("/usr/sbin/clamd");

	private final Path dir;

	private final int port;

	private final Process process;

	private ClamdServer(Path dir, int port, Process process) {
		this.dir = dir;
		this.port = port;
		this.process = process;
	}

	/** Starts clamd and waits until it answers PING. */
	public static ClamdServer start() throws IOException, InterruptedException {
		if (!Files.isExecutable(CLAMD)) {
			String message = "The scan tests need Debian's clamav-daemon (apt-get install -y clamav-daemon); "
					+ ".ci/run installs it.";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		Path dir = Files.createTempDirectory("renraku-clamd-");
		Path db = Files.createDirectory(dir.resolve("db"));
		byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
		Files.writeString(db.resolve("eicar.hdb"), md5(eicar) + ":" + eicar.length + ":Renraku-Test.EICAR\n");
		Files.writeString(db.resolve("eicar.ndb"),
				"Renraku-Test.EICAR-Body:0:*:" + HexFormat.of().formatHex(eicar) + "\n");
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Path config = dir.resolve("clamd.conf");
		Files.writeString(config,
				String.join("\n", "Foreground yes", "LogFile " + dir.resolve("clamd.log"), "DatabaseDirectory " + db,
						"TCPSocket " + port, "TCPAddr 127.0.0.1", "LocalSocket " + dir.resolve("clamd.sock"),
						"StreamMaxLength 60M", ""));
		Process process = new ProcessBuilder(CLAMD.toString(), "-c", config.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("clamd.out").toFile())
			.start();
		ClamdServer server = new ClamdServer(dir, port, process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!server.client().ping()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("clamd did not start: " + Files.readString(dir.resolve("clamd.out")));
			}
			Thread.sleep(100);
		}
		return server;
	}

	public int port() {
		return port;
	}

	public Path socket() {
		return dir.resolve("clamd.sock");
	}

	/** A client of this clamd over TCP. */
	Clamd client() {
		return new Clamd(new ScanProperties("127.0.0.1", port, null, Duration.ofSeconds(5)));
	}

	/** Stops clamd and waits until it is gone. */
	public void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	private static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
