package jp.renraku.account;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.renraku.common.Staff;
import jp.renraku.common.CurrentStaff;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the signed-in account on every page, so that changes take effect at once: a
 * retired or leak-locked account's open sessions end; so does every session signed in
 * before the holder's password changed or they signed out their other sessions (the
 * session holds the account's session epoch of its sign-in); a temporary or expired
 * password must be changed and, where the system administrator requires it, two-factor
 * sign-in set up before anything else.
 */
class AccountStatusInterceptor implements HandlerInterceptor {

	/** The session attribute holding the account's session epoch at sign-in. */
	static final String SESSION_EPOCH = "renraku.sessionEpoch";

	static final String PASSWORD_PAGE = "/account/password";

	static final String TOTP_PAGE = "/account/totp";

	private final Accounts accounts;

	private final SignInProperties properties;

	private final Clock clock;

	AccountStatusInterceptor(Accounts accounts, SignInProperties properties, Clock clock) {
		this.accounts = accounts;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		Staff staff = CurrentStaff.get();
		if (staff == null) {
			return true;
		}
		Optional<Account> found = accounts.find(staff.accountId());
		if (found.isEmpty() || found.get().state != AccountState.ACTIVE) {
			return end(request, response, "ended");
		}
		Account account = found.get();
		HttpSession session = request.getSession(false);
		if (session != null) {
			if (!(session.getAttribute(SESSION_EPOCH) instanceof Integer epoch)) {
				// a session from before epochs were kept: it takes the current one
				keepSession(session, account.sessionEpoch);
			}
			else if (epoch != account.sessionEpoch) {
				return end(request, response, "signedOutElsewhere");
			}
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (account.mustChangePassword(clock.instant(), properties.password().maxAge())) {
			return stayOn(PASSWORD_PAGE, path, request, response);
		}
		if (account.adminRole() && !account.totpEnabled && accounts.requireTotpForAdmins()) {
			return stayOn(TOTP_PAGE, path, request, response);
		}
		return true;
	}

	/** Lets this session stay signed in under the account's (new) session epoch. */
	static void keepSession(HttpSession session, int epoch) {
		session.setAttribute(SESSION_EPOCH, epoch);
	}

	private static boolean end(HttpServletRequest request, HttpServletResponse response, String why)
			throws IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		response.sendRedirect(request.getContextPath() + "/login?" + why);
		return false;
	}

	private static boolean stayOn(String page, String path, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (path.startsWith(page)) {
			return true;
		}
		response.sendRedirect(request.getContextPath() + page);
		return false;
	}

}
