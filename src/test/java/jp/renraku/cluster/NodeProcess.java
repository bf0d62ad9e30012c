package jp.renraku.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import jp.renraku.RenrakuApplication;

/**
 * A Renraku node in a process of its own, started from the application's classes and
 * dependencies (not the tests'), so that it can be killed as a machine would die.
 */
final class NodeProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private NodeProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts a node with the given settings and waits until it answers. */
	static NodeProcess start(String name, int port, List<String> settings) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp",
						applicationClassPath(), RenrakuApplication.class.getName()));
		command.addAll(settings);
		Path log = Path.of("target", "cluster-" + name + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		NodeProcess node = new NodeProcess(process, port, log);
		node.awaitUp(Duration.ofSeconds(120));
		return node;
	}

	/** A free port on 127.0.0.1. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	int port() {
		return port;
	}

	/** Kills the process at once (SIGKILL): nothing is handed back, no lease let go. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	private void awaitUp(Duration limit) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("node stopped; see " + log.toAbsolutePath() + "\n" + tail());
			}
			try {
				HttpResponse<Void> answer = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (answer.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("node did not answer within " + limit + "\n" + tail());
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * This JVM's class path without the test classes: Surefire gives a jar whose manifest
	 * names the real entries.
	 */
	private static String applicationClassPath() throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.endsWith(".jar") && entry.contains("surefire")) {
				try (JarFile jar = new JarFile(entry)) {
					String listed = jar.getManifest().getMainAttributes().getValue("Class-Path");
					if (listed != null) {
						Arrays.stream(listed.split(" "))
							.filter(s -> !s.isBlank())
							.map(s -> Path.of(URI.create(s.startsWith("file:") ? s : "file:" + s)).toString())
							.forEach(entries::add);
						continue;
					}
				}
			}
			entries.add(entry);
		}
		return entries.stream()
			.filter(e -> !e.replace('\\', '/').contains("/test-classes"))
			.filter(e -> !e.contains("surefire"))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
