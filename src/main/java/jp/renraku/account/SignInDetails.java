package jp.renraku.account;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What the sign-in form carries besides ID and password: the two-factor code, if typed.
 */
record SignInDetails(@Nullable String totpCode) implements Serializable {

	static final String TOTP_PARAMETER = "code";

	static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source() {
		return request -> new SignInDetails(request.getParameter(TOTP_PARAMETER));
	}

}
