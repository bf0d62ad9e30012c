package jp.renraku.account;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.Staff;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After a successful sign-in: the browser is remembered as the holder's
 * ({@link KnownDevices}), the session takes the account's session epoch (so that a later
 * password change or "sign out other sessions" ends it), and the person goes where they
 * were going, or home.
 */
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	private final KnownDevices devices;

	private final AccountManagement accounts;

	private final Clock clock;

	SignInSuccess(KnownDevices devices, AccountManagement accounts, Clock clock) {
		this.devices = devices;
		this.accounts = accounts;
		this.clock = clock;
		setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (authentication.getPrincipal() instanceof Staff staff) {
			devices.remember(staff.accountId(), request, response, clock.instant());
			AccountStatusInterceptor.keepSession(request.getSession(), accounts.sessionEpoch(staff.accountId()));
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
