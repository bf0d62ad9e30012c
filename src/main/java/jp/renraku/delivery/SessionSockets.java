package jp.renraku.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The socket factories one Jakarta Mail session connects with: the platform's own, which
 * Jakarta Mail would take anyway, only remembering the socket they made last. Jakarta
 * Mail opens the connection, says EHLO and does STARTTLS and AUTH exactly as before;
 * after that, the socket in use is the last one made (the TLS socket once STARTTLS has
 * run), and {@link PipelinedSmtp} writes the mail transactions on it. Nagle's algorithm
 * is switched off, since each write is a whole group of commands or a whole message.
 */
final class SessionSockets {

	private volatile @Nullable Socket last;

	private final SocketFactory plain = new Plain();

	private final SSLSocketFactory tls;

	/**
	 * @param platform the TLS sockets to make; the platform's default in production
	 */
	SessionSockets(SSLSocketFactory platform) {
		this.tls = new Tls(platform);
	}

	SocketFactory plain() {
		return plain;
	}

	SSLSocketFactory tls() {
		return tls;
	}

	/** The socket made last, if it is connected and open. */
	@Nullable Socket current() {
		Socket socket = last;
		return socket != null && socket.isConnected() && !socket.isClosed() ? socket : null;
	}

	private Socket made(Socket socket) throws IOException {
		socket.setTcpNoDelay(true);
		last = socket;
		return socket;
	}

	private final class Plain extends SocketFactory {

		@Override
		public Socket createSocket() throws IOException {
			return made(new Socket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return made(new Socket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
			return made(new Socket(host, port, local, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return made(new Socket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
			return made(new Socket(host, port, local, localPort));
		}

	}

	private final class Tls extends SSLSocketFactory {

		private final SSLSocketFactory platform;

		Tls(SSLSocketFactory platform) {
			this.platform = platform;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return platform.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return platform.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return made(platform.createSocket());
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			// STARTTLS: the TLS socket over the plain one
			return made(platform.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return made(platform.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
			return made(platform.createSocket(host, port, local, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return made(platform.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
			return made(platform.createSocket(host, port, local, localPort));
		}

	}

}
