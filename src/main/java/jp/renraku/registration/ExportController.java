package jp.renraku.registration;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.BodyDirectory;
import jp.renraku.common.CsvDownload;
import jp.renraku.common.MultiLine;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Export requests (Art. 10-4): the list of them, deciding one, and the requester's
 * download while the permission lasts. A refused decision or download is answered on the
 * request's page by {@code DomainExceptionAdvice}.
 */
@Controller
@RequestMapping("/exports")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OPERATIONS_MANAGER')")
class ExportController {

	private final ExportPermissions permissions;

	private final BodyDirectory organization;

	private final Clock clock;

	ExportController(ExportPermissions permissions, BodyDirectory organization, Clock clock) {
		this.permissions = permissions;
		this.organization = organization;
		this.clock = clock;
	}

	@GetMapping
	String list(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("requests", permissions.visible(staff));
		model.addAttribute("bodyNames", organization.namesById());
		model.addAttribute("now", clock.instant());
		return "registration/export-requests";
	}

	@GetMapping("/{id}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		ExportRequest request = permissions.get(staff, id);
		model.addAttribute("request", request);
		model.addAttribute("bodyNames", organization.namesById());
		model.addAttribute("mayDecide", permissions.mayDecide(staff, request));
		model.addAttribute("mine", request.requestedBy() == staff.accountId());
		model.addAttribute("usable", request.usable(clock.instant()));
		model.addAttribute("maxDownloads", ExportPermissions.MAX_DOWNLOADS);
		model.addAttribute("maxHours", ExportPermissions.MAX_HOURS);
		return "registration/export-request";
	}

	@PostMapping("/{id}/approve")
	String approve(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(required = false) @Nullable Integer maxDownloads,
			@RequestParam(required = false) @Nullable Integer validHours,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		String text = note == null || note.isBlank() ? null : note.strip();
		if (maxDownloads == null || validHours == null) {
			return refused(id, redirect, "export.error.limits");
		}
		if (text != null && !MultiLine.Validator.fits(text, 1000)) {
			return refused(id, redirect, "export.error.textInvalid");
		}
		permissions.approve(staff, id, maxDownloads, validHours, text);
		redirect.addFlashAttribute("flashMessage", "export.approved");
		return "redirect:/exports/" + id;
	}

	@PostMapping("/{id}/reject")
	String reject(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		String text = note == null ? "" : note.strip();
		if (text.isEmpty()) {
			return refused(id, redirect, "export.error.reasonRequired");
		}
		if (!MultiLine.Validator.fits(text, 1000)) {
			return refused(id, redirect, "export.error.textInvalid");
		}
		permissions.reject(staff, id, text);
		redirect.addFlashAttribute("flashMessage", "export.rejected");
		return "redirect:/exports/" + id;
	}

	/**
	 * The CSV, counted against the permission before anything is written; a refusal
	 * leaves the request's page with the reason.
	 */
	@PostMapping("/{id}/download")
	@Nullable String download(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(defaultValue = "utf8") String encoding, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		if (permissions.get(staff, id).listId() == null) {
			// a notice's results are downloaded from the notice's page
			return refused(id, redirect, "export.error.notUsable");
		}
		ExportRequest request = permissions.startDownload(staff, id);
		Writer out = CsvDownload.open(response, "registrants-" + request.listId() + "-" + request.id() + ".csv",
				encoding);
		permissions.write(request, out);
		out.flush();
		return null;
	}

	private static String refused(long id, RedirectAttributes redirect, String key) {
		redirect.addFlashAttribute("flashError", key);
		return "redirect:/exports/" + id;
	}

}
