package jp.renraku.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every staff member's own account: change password, report a leaked password.
 */
@Controller
class OwnAccountController {

	private static final String VIEW_PASSWORD = "account/password";

	private static final String VIEW_LEAK = "account/leak";

	private final AccountManagement accounts;

	private final PasswordPolicy policy;

	OwnAccountController(AccountManagement accounts, PasswordPolicy policy) {
		this.accounts = accounts;
		this.policy = policy;
	}

	@GetMapping(AccountStatusInterceptor.PASSWORD_PAGE)
	String initPasswordForm(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("passwordChangeForm", new PasswordChangeForm());
		return passwordView(staff, model);
	}

	@PostMapping(AccountStatusInterceptor.PASSWORD_PAGE)
	String processPasswordForm(@AuthenticationPrincipal Staff staff, @Valid PasswordChangeForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletRequest request) {
		if (!result.hasFieldErrors("newPassword") && !result.hasFieldErrors("confirmPassword")
				&& !form.getNewPassword().equals(form.getConfirmPassword())) {
			result.rejectValue("confirmPassword", "password.error.confirmMismatch");
		}
		if (result.hasErrors()) {
			return passwordView(staff, model);
		}
		List<PasswordPolicy.Violation> violations = accounts.changePassword(staff, form.getCurrentPassword(),
				form.getNewPassword());
		if (!violations.isEmpty()) {
			for (PasswordPolicy.Violation v : violations) {
				String field = v.key().equals("password.error.currentWrong") ? "currentPassword" : "newPassword";
				result.rejectValue(field, v.key(), v.args(), v.key());
			}
			return passwordView(staff, model);
		}
		// every other session of the account ends; this one stays
		AccountStatusInterceptor.keepSession(request.getSession(), accounts.sessionEpoch(staff.accountId()));
		redirect.addFlashAttribute("flashMessage", "password.changed");
		return "redirect:/";
	}

	/** Signs the holder out everywhere but here (a browser left signed in elsewhere). */
	@PostMapping("/account/sessions/end-others")
	String endOtherSessions(@AuthenticationPrincipal Staff staff, HttpServletRequest request,
			RedirectAttributes redirect) {
		accounts.endOtherSessions(staff);
		AccountStatusInterceptor.keepSession(request.getSession(), accounts.sessionEpoch(staff.accountId()));
		redirect.addFlashAttribute("flashMessage", "sessions.ended");
		return "redirect:" + AccountStatusInterceptor.PASSWORD_PAGE;
	}

	private String passwordView(Staff staff, Model model) {
		model.addAttribute("rules", policy.rules());
		model.addAttribute("account", accounts.find(staff.accountId()).orElseThrow());
		return VIEW_PASSWORD;
	}

	@GetMapping("/account/profile")
	String initProfileForm(@AuthenticationPrincipal Staff staff, Model model) {
		StaffAccount account = accounts.find(staff.accountId()).orElseThrow();
		model.addAttribute("profileForm", ProfileForm.of(account));
		return StaffController.profileView(account, "/account/profile", model);
	}

	@PostMapping("/account/profile")
	String processProfileForm(@AuthenticationPrincipal Staff staff, @Valid ProfileForm profileForm,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return StaffController.profileView(accounts.find(staff.accountId()).orElseThrow(), "/account/profile",
					model);
		}
		accounts.updateProfile(staff, staff.accountId(), profileForm.getDisplayName(), profileForm.emailOrNull());
		redirect.addFlashAttribute("flashMessage", "account.updated");
		return "redirect:/";
	}

	@GetMapping("/account/leak")
	String initLeakForm() {
		return VIEW_LEAK;
	}

	@PostMapping("/account/leak")
	String processLeakForm(@AuthenticationPrincipal Staff staff, @RequestParam(required = false) @Nullable String note,
			HttpServletRequest request) {
		String trimmed = note == null || note.isBlank() ? null : note.strip();
		if (trimmed != null && trimmed.length() > 1000) {
			trimmed = trimmed.substring(0, 1000);
		}
		accounts.reportLeak(staff, trimmed);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/login?leak";
	}

}
