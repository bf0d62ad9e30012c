package jp.renraku.registration;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The stop link of a test send (issue 14): the mail is exactly what residents get, so its
 * List-Unsubscribe points here; opening it — or a mail program's one-click POST — says it
 * belongs to a test and changes nothing.
 */
@Controller
class PreviewLinkController {

	@GetMapping("/m/preview/unsubscribe")
	String open() {
		return "registration/manage-preview";
	}

	@PostMapping("/m/preview/unsubscribe")
	String oneClick() {
		return "registration/manage-preview";
	}

}
