package jp.renraku.common;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in: what this role can do.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("staff", staff);
		return "home";
	}

}
