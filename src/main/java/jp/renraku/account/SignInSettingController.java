package jp.renraku.account;

import jp.renraku.common.Staff;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * City-wide sign-in settings of the system administrator, with the configured password
 * rules shown read-only (they are set in the configuration, see docs/configuration.md).
 */
@Controller
class SignInSettingController {

	private final AccountManagement accounts;

	private final SignInProperties properties;

	SignInSettingController(AccountManagement accounts, SignInProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@GetMapping("/admin/settings")
	String show(Model model) {
		model.addAttribute("requireTotp", accounts.requireTotpForAdmins());
		model.addAttribute("rules", properties.password());
		model.addAttribute("lockout", properties.lockout());
		model.addAttribute("temporaryValidity", properties.temporaryPasswordValidity());
		return "account/settings";
	}

	@PostMapping("/admin/settings")
	String update(@AuthenticationPrincipal Staff staff, @RequestParam(defaultValue = "false") boolean requireTotp,
			RedirectAttributes redirect) {
		accounts.setRequireTotpForAdmins(staff, requireTotp);
		redirect.addFlashAttribute("flashMessage", "settings.saved");
		return "redirect:/admin/settings";
	}

}
