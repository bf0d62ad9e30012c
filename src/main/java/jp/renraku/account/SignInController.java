package jp.renraku.account;

import jp.renraku.common.CurrentStaff;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security handles the POST.
 */
@Controller
class SignInController {

	private final SignInProperties properties;

	SignInController(SignInProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/login")
	String login(Model model) {
		if (CurrentStaff.get() != null) {
			return "redirect:/";
		}
		model.addAttribute("lockout", properties.lockout());
		return "account/login";
	}

}
