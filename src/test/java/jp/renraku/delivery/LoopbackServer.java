package jp.renraku.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server socket on 127.0.0.1 that talks to each client on a daemon thread of its own:
 * what the tests' scripted relays have in common.
 */
final class LoopbackServer implements AutoCloseable {

	/** One session with a client; the socket is closed after it. */
	@FunctionalInterface
	interface Talk {

		void talk(Socket client) throws IOException;

	}

	private final ServerSocket socket;

	LoopbackServer(String name, Talk talk) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> serve(name, talk), name);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	private void serve(String name, Talk talk) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Thread session = new Thread(() -> {
					try (client) {
						talk.talk(client);
					}
					catch (IOException ex) {
						// the client went away
					}
				}, name + "-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
