package jp.renraku.account;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.InstallationSecret;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): after
 * a successful sign-in the browser gets a signed cookie for that account. A browser that
 * shows one is counted apart from its network address and is never shut out by a lock
 * that guessing from elsewhere caused, so the holder keeps working while their ID is
 * under attack. The cookie says nothing but a random name, an expiry and a signature.
 */
@Component
class KnownDevices {

	static final String COOKIE_PREFIX = "renraku-device-";

	private static final String PURPOSE = "known-device";

	private final InstallationSecret secret;

	private final Duration memory;

	KnownDevices(InstallationSecret secret, SignInProperties properties) {
		this.secret = secret;
		this.memory = properties.lockout().deviceMemory();
	}

	/** The name of an account's cookie: no ID in it, one cookie per account. */
	String cookieName(long accountId) {
		return COOKIE_PREFIX + secret.keyedHash(PURPOSE + "-name", String.valueOf(accountId)).substring(0, 16);
	}

	/** Gives the browser (again) the cookie of the account that just signed in. */
	void remember(long accountId, HttpServletRequest request, HttpServletResponse response, Instant now) {
		String device = InstallationSecret.randomToken(16);
		long expires = now.plus(memory).getEpochSecond();
		String value = device + "." + expires + "." + secret.sign(PURPOSE, accountId + ":" + device + ":" + expires);
		response.addHeader("Set-Cookie",
				ResponseCookie.from(cookieName(accountId), value)
					.path(request.getContextPath() + "/")
					.maxAge(memory)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Strict")
					.build()
					.toString());
	}

	/** The device named by the account's cookie, if the browser sent a valid one. */
	Optional<String> recognise(long accountId, Map<String, String> cookies, Instant now) {
		String value = cookies.get(cookieName(accountId));
		if (value == null) {
			return Optional.empty();
		}
		String[] parts = value.split("\\.", 3);
		if (parts.length != 3 || !parts[1].matches("\\d{1,12}")
				|| Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(now)
				|| !secret.verify(PURPOSE, accountId + ":" + parts[0] + ":" + parts[1], parts[2])) {
			return Optional.empty();
		}
		return Optional.of(parts[0]);
	}

	/** The device cookies a request carries, by name (for the sign-in details). */
	static Map<String, String> of(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Map.of();
		}
		Map<String, String> found = new HashMap<>();
		for (Cookie cookie : cookies) {
			if (cookie.getName().startsWith(COOKIE_PREFIX) && found.size() < 20) {
				found.put(cookie.getName(), cookie.getValue());
			}
		}
		return Map.copyOf(found);
	}

}
