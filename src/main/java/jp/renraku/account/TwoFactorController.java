package jp.renraku.account;

import java.time.Clock;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpSession;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Setting up two-factor sign-in (RFC 6238) with any authenticator app. The new secret
 * stays in the session until the person proves their app shows the right code; only then
 * is it stored.
 */
@Controller
class TwoFactorController {

	private static final String VIEW = "account/totp";

	private static final String PENDING_SECRET = TwoFactorController.class.getName() + ".secret";

	private final AccountManagement management;

	private final Accounts accounts;

	private final TotpCodes totp;

	private final AuditTrail audit;

	private final Clock clock;

	TwoFactorController(AccountManagement management, Accounts accounts, TotpCodes totp, AuditTrail audit,
			Clock clock) {
		this.management = management;
		this.accounts = accounts;
		this.totp = totp;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping(AccountStatusInterceptor.TOTP_PAGE)
	String show(@AuthenticationPrincipal Staff staff, HttpSession session, Model model) {
		StaffAccount account = management.find(staff.accountId()).orElseThrow();
		model.addAttribute("account", account);
		model.addAttribute("required", account.role() != Role.SENDER && management.requireTotpForAdmins());
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (!account.totpEnabled()) {
			if (secret == null) {
				secret = totp.newSecret();
				session.setAttribute(PENDING_SECRET, secret);
			}
			model.addAttribute("secret", secret);
			model.addAttribute("qr", totp.qrDataUri(secret, staff.loginId()));
		}
		return VIEW;
	}

	@PostMapping(AccountStatusInterceptor.TOTP_PAGE + "/confirm")
	@Transactional
	String confirm(@AuthenticationPrincipal Staff staff, @RequestParam(required = false) @Nullable String code,
			HttpSession session, RedirectAttributes redirect) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			return "redirect:" + AccountStatusInterceptor.TOTP_PAGE;
		}
		OptionalLong step = totp.matchingStep(secret, code);
		if (step.isEmpty()) {
			redirect.addFlashAttribute("flashError", "totp.error.wrongCode");
			return "redirect:" + AccountStatusInterceptor.TOTP_PAGE;
		}
		accounts.setTotp(staff.accountId(), secret, true, clock.instant());
		accounts.useTotpStep(staff.accountId(), step.getAsLong());
		session.removeAttribute(PENDING_SECRET);
		audit.record(AuditAction.TOTP_ENABLED, staff.bodyId(), "account:" + staff.loginId(), null);
		redirect.addFlashAttribute("flashMessage", "totp.enabled");
		return "redirect:/";
	}

	@PostMapping(AccountStatusInterceptor.TOTP_PAGE + "/disable")
	@Transactional
	String disable(@AuthenticationPrincipal Staff staff, RedirectAttributes redirect) {
		if (staff.role() != Role.SENDER && management.requireTotpForAdmins()) {
			redirect.addFlashAttribute("flashError", "totp.error.required");
			return "redirect:" + AccountStatusInterceptor.TOTP_PAGE;
		}
		accounts.setTotp(staff.accountId(), null, false, clock.instant());
		audit.record(AuditAction.TOTP_DISABLED, staff.bodyId(), "account:" + staff.loginId(), null);
		redirect.addFlashAttribute("flashMessage", "totp.disabled");
		return "redirect:" + AccountStatusInterceptor.TOTP_PAGE;
	}

}
