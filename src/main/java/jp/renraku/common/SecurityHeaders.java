package jp.renraku.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every page: the security filter chains write them with Spring
 * Security's header writers; {@link #apply} writes the same set for the one answer that
 * is sent before those chains (the confirmation button's). A test compares the two.
 */
public final class SecurityHeaders {

	/** Scripts, styles and images of this site only; no inline code; no framing. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private SecurityHeaders() {
	}

	/** As Spring Security writes them for a page that may not be cached or framed. */
	public static void apply(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
	}

}
