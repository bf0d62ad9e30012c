package jp.renraku.common;

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

}
