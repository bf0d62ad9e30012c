package jp.renraku.registration;

import java.io.IOException;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpSession;
import jp.renraku.common.MultiLine;
import jp.renraku.common.Staff;
import jp.renraku.scan.UploadRefused;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The list's export page (requests for a permission, Art. 10-4; the download itself is on
 * the request's page) and CSV import with a preview that imports nothing until the
 * operator confirms. The uploaded file waits in the database ({@link PendingImports});
 * the session holds only its id, so that any node can take the confirmation.
 */
@Controller
@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
class CsvController {

	/** The session attribute holding the id of the upload waiting for confirmation. */
	static final String UPLOAD = CsvController.class.getName() + ".upload";

	private final RegistrationManagement registration;

	private final ExportPermissions permissions;

	private final CsvColumns columns;

	private final PendingImports imports;

	CsvController(RegistrationManagement registration, ExportPermissions permissions, CsvColumns columns,
			PendingImports imports) {
		this.registration = registration;
		this.permissions = permissions;
		this.columns = columns;
		this.imports = imports;
	}

	@GetMapping("/lists/{listId}/export")
	String exportPage(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Model model) {
		model.addAttribute("list", registration.list(staff, listId));
		model.addAttribute("requests", permissions.ofList(staff, listId));
		return "registration/export";
	}

	/** Art. 10-4: the request for a permission to export, with its purpose and scope. */
	@PostMapping("/lists/{listId}/export-requests")
	String requestExport(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String scope, Model model, RedirectAttributes redirect) {
		RegistrationList list = registration.list(staff, listId);
		String why = purpose == null ? "" : purpose.strip();
		String what = scope == null ? "" : scope.strip();
		String error = why.isEmpty() || what.isEmpty() ? "export.error.purposeRequired"
				: !MultiLine.Validator.fits(why, 1000) || !MultiLine.Validator.fits(what, 1000)
						? "export.error.textInvalid" : null;
		if (error != null) {
			model.addAttribute("list", list);
			model.addAttribute("requests", permissions.ofList(staff, listId));
			model.addAttribute("requestError", error);
			model.addAttribute("purpose", why);
			model.addAttribute("scope", what);
			return "registration/export";
		}
		long id = permissions.request(staff, listId, why, what);
		redirect.addFlashAttribute("flashMessage", "export.requested");
		return "redirect:/exports/" + id;
	}

	@GetMapping("/lists/{listId}/import")
	String importPage(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Model model) {
		RegistrationList list = registration.list(staff, listId);
		model.addAttribute("list", list);
		model.addAttribute("columns", columns.items(list));
		return "registration/import";
	}

	@PostMapping("/lists/{listId}/import")
	String preview(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "auto") String encoding, HttpSession session, Model model) throws IOException {
		RegistrationList list = registration.list(staff, listId);
		model.addAttribute("list", list);
		model.addAttribute("columns", columns.items(list));
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "import.error.noFile");
			return "registration/import";
		}
		PendingImports.Received received;
		try {
			received = imports.receive(staff, listId, file, encoding);
		}
		catch (UploadRefused ex) {
			model.addAttribute("fileError", ex.messageKey());
			return "registration/import";
		}
		if (session.getAttribute(UPLOAD) instanceof Long replaced) {
			imports.cancel(staff, replaced);
		}
		session.setAttribute(UPLOAD, received.uploadId());
		model.addAttribute("preview", received.preview());
		return "registration/import-preview";
	}

	@PostMapping("/lists/{listId}/import/confirm")
	String confirm(@AuthenticationPrincipal Staff staff, @PathVariable long listId, HttpSession session,
			RedirectAttributes redirect) throws IOException {
		registration.list(staff, listId);
		OptionalLong imported = session.getAttribute(UPLOAD) instanceof Long upload
				? imports.confirm(staff, listId, upload) : OptionalLong.empty();
		if (imported.isEmpty()) {
			redirect.addFlashAttribute("flashError", "import.error.expired");
			return "redirect:/lists/" + listId + "/import";
		}
		session.removeAttribute(UPLOAD);
		redirect.addFlashAttribute("flashMessage", "import.done");
		redirect.addFlashAttribute("importedRows", imported.getAsLong());
		return "redirect:/lists/" + listId + "/registrants";
	}

	@PostMapping("/lists/{listId}/import/cancel")
	String cancel(@AuthenticationPrincipal Staff staff, @PathVariable long listId, HttpSession session,
			RedirectAttributes redirect) {
		registration.list(staff, listId);
		if (session.getAttribute(UPLOAD) instanceof Long upload) {
			imports.cancel(staff, upload);
			session.removeAttribute(UPLOAD);
		}
		redirect.addFlashAttribute("flashMessage", "import.cancelled");
		return "redirect:/lists/" + listId;
	}

}
