package jp.renraku;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The session cookie as a browser keeps it from one request to the next. Sessions live in
 * the database behind Spring Session's filter, which finds a session by this cookie only
 * (a {@code MockHttpSession} handed to MockMvc is never looked at). Send it with
 * {@code .with(browser)}, and let {@link #keep} take the cookie a response sets.
 */
public final class BrowserSession implements RequestPostProcessor {

	/** The session cookie's name (Spring Session's default). */
	public static final String COOKIE = "SESSION";

	private @Nullable Cookie cookie;

	@Override
	public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
		if (cookie != null) {
			request.setCookies(cookie);
		}
		return request;
	}

	/** Takes the session cookie the response sets, or forgets it when it expires it. */
	public MvcTestResult keep(MvcTestResult result) {
		Cookie set = result.getResponse().getCookie(COOKIE);
		if (set != null) {
			cookie = set.getMaxAge() == 0 ? null : set;
		}
		return result;
	}

	/** Whether the browser holds a session cookie. */
	public boolean hasCookie() {
		return cookie != null;
	}

	/**
	 * The session id the cookie carries (Base64 in the cookie, as Spring Session writes
	 * it).
	 */
	public String sessionId() {
		if (cookie == null) {
			throw new IllegalStateException("no session cookie");
		}
		return decode(cookie.getValue());
	}

	/** The same browser with the cookie it has now, kept apart from later changes. */
	public BrowserSession copy() {
		BrowserSession copy = new BrowserSession();
		copy.cookie = cookie;
		return copy;
	}

	/** The session id in a cookie value. */
	public static String decode(String cookieValue) {
		return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.US_ASCII);
	}

	/** Whether the database holds the session of this id. */
	public static boolean stored(JdbcClient jdbc, String sessionId) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :id")
			.param("id", sessionId)
			.query(Long.class)
			.single() == 1;
	}

	/** How many sessions the database holds. */
	public static long rows(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
	}

}
