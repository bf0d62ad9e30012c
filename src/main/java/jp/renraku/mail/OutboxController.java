package jp.renraku.mail;

import jp.renraku.common.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The development outbox: what the built-in catcher received. Only the system
 * administrator sees it, because it holds mail of every body. Answers 404 when the
 * catcher is off.
 */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class OutboxController {

	private final ObjectProvider<MailCatcher> catcher;

	OutboxController(ObjectProvider<MailCatcher> catcher) {
		this.catcher = catcher;
	}

	@GetMapping("/admin/outbox")
	String outbox(Model model) {
		model.addAttribute("mails", requireCatcher().caught());
		model.addAttribute("port", requireCatcher().port());
		return "mail/outbox";
	}

	@PostMapping("/admin/outbox/clear")
	String clear(RedirectAttributes redirect) {
		requireCatcher().clear();
		redirect.addFlashAttribute("flashMessage", "outbox.cleared");
		return "redirect:/admin/outbox";
	}

	private MailCatcher requireCatcher() {
		MailCatcher found = catcher.getIfAvailable();
		if (found == null) {
			throw new NotFoundException("mail catcher is off");
		}
		return found;
	}

}
