package jp.renraku.account;

import java.io.Serializable;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.ClientAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What a sign-in carries besides ID and password: the two-factor code, if typed, and who
 * sends it (the client address and the browser's device cookies), by which wrong attempts
 * are counted.
 */
record SignInDetails(@Nullable String totpCode, String clientAddress,
		Map<String, String> deviceCookies) implements Serializable {

	static final String TOTP_PARAMETER = "code";

	/**
	 * What the signed-in session keeps: the client address, not the code typed nor the
	 * device cookies, because sessions are stored in the database (issue 18).
	 */
	SignInDetails kept() {
		return new SignInDetails(null, clientAddress, Map.of());
	}

	static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source() {
		return request -> new SignInDetails(request.getParameter(TOTP_PARAMETER), ClientAddress.of(request),
				KnownDevices.of(request));
	}

}
