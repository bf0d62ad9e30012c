package jp.renraku.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of the request being served, if any. Behind a proxy this is the
 * forwarded address when {@code server.forward-headers-strategy} is set (see
 * docs/configuration.md).
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static @Nullable String current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			return of(servlet.getRequest());
		}
		return null;
	}

	public static String of(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	/**
	 * The client as limits count it: an IPv4 address as it is, an IPv6 address by its /64
	 * network, because one subscriber gets a whole /64 and may send from any of its 2^64
	 * addresses (RFC 6177; OWASP's rate-limiting advice). An IPv4-mapped IPv6 address
	 * counts as its IPv4 address. Anything else (a name, a malformed value) counts as it
	 * is.
	 */
	public static String network(String address) {
		String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		if (literal.indexOf(':') < 0 || !literal.matches("[0-9A-Fa-f:.]+")) {
			return address;
		}
		byte[] bytes;
		try {
			// a literal of hex digits, colons and dots: parsed, never looked up
			bytes = InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
		if (bytes.length == 4) {
			return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
		}
		StringBuilder network = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return network.append(":/64").toString();
	}

}
