package jp.renraku.organization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jp.renraku.common.ListOutlines;
import jp.renraku.common.MultiLine;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.scan.UploadRefused;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Art. 6 pages: usage applications (様式第1号) for operations managers (their body) and the
 * system administrator (any body, and the review), and the printable permit (様式第2号).
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OPERATIONS_MANAGER')")
class ApplicationController {

	/** Largest attached PDF of internal handling rules. */
	static final long MAX_PDF = 5L * 1024 * 1024;

	private static final DateTimeFormatter WAREKI = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPANESE)
		.withChronology(JapaneseChronology.INSTANCE);

	/**
	 * A line of the planned lists that names an item and leaves it empty ("(1) 利用目的:").
	 */
	private static final Pattern EMPTY_ITEM = Pattern.compile("^\\s*[^:\\uFF1A]{1,40}[:\\uFF1A]\\s*$");

	private final PermitManagement permits;

	private final OrganizationManagement organization;

	private final MessageSource messages;

	private final ListOutlines outlines;

	ApplicationController(PermitManagement permits, OrganizationManagement organization, MessageSource messages,
			ListOutlines outlines) {
		this.outlines = outlines;
		this.permits = permits;
		this.organization = organization;
		this.messages = messages;
	}

	@GetMapping("/applications")
	String list(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("applications", permits.applications(staff));
		model.addAttribute("bodyNames", organization.namesById());
		return "organization/applications";
	}

	@GetMapping("/applications/new")
	String initCreationForm(@AuthenticationPrincipal Staff staff, @RequestParam(required = false) @Nullable Long body,
			Locale locale, Model model) {
		ApplicationForm form = new ApplicationForm();
		form.setBodyId(staff.isSystemAdmin() ? body : staff.bodyId());
		// the body's lists as their operations manager wrote them, else the seven items
		// of Art. 7 as a start for describing each planned list
		List<String> written = form.getBodyId() == null ? List.of() : outlines.outlines(form.getBodyId(), locale);
		form.setPlannedLists(written.isEmpty() ? messages.getMessage("application.plannedLists.template", null, locale)
				: String.join("\n", written));
		model.addAttribute("prefilled", !written.isEmpty());
		model.addAttribute("applicationForm", form);
		return formView(staff, model, null);
	}

	@PostMapping("/applications/new")
	String processCreationForm(@AuthenticationPrincipal Staff staff, @Valid ApplicationForm applicationForm,
			BindingResult result, @RequestParam(required = false) @Nullable MultipartFile pdf, Model model,
			RedirectAttributes redirect) throws IOException {
		Long bodyId = staff.isSystemAdmin() ? applicationForm.getBodyId() : staff.bodyId();
		if (bodyId == null || organization.find(bodyId).isEmpty()) {
			result.rejectValue("bodyId", "application.error.body");
		}
		byte[] bytes = readPdf(pdf, result);
		checkPeriod(applicationForm, result);
		if (result.hasErrors()) {
			return formView(staff, model, null);
		}
		long id;
		try {
			id = permits.apply(staff, bodyId, applicationForm.toContent(bytes, pdfName(pdf, bytes)));
		}
		catch (BodyStateException ex) {
			result.reject(ex.messageKey());
			return formView(staff, model, null);
		}
		catch (UploadRefused ex) {
			result.rejectValue("handlingRules", ex.messageKey());
			return formView(staff, model, null);
		}
		redirect.addFlashAttribute("flashMessage", "application.saved");
		return "redirect:/applications/" + id;
	}

	@GetMapping("/applications/{id}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		UsageApplication application = permits.application(staff, id);
		model.addAttribute("usage", application);
		model.addAttribute("bodyName", organization.get(application.bodyId()).name());
		model.addAttribute("permits",
				permits.permitsOf(staff, application.bodyId())
					.stream()
					.filter(p -> p.applicationId() != null && p.applicationId() == id)
					.toList());
		return "organization/application";
	}

	@GetMapping("/applications/{id}/edit")
	String initUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		UsageApplication application = permits.application(staff, id);
		model.addAttribute("applicationForm", ApplicationForm.of(application));
		return formView(staff, model, application);
	}

	@PostMapping("/applications/{id}/edit")
	String processUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@Valid ApplicationForm applicationForm, BindingResult result,
			@RequestParam(required = false) @Nullable MultipartFile pdf, Model model, RedirectAttributes redirect)
			throws IOException {
		UsageApplication application = permits.application(staff, id);
		byte[] bytes = readPdf(pdf, result);
		checkPeriod(applicationForm, result);
		if (result.hasErrors()) {
			return formView(staff, model, application);
		}
		try {
			return outcome(id, redirect, "application.saved",
					() -> permits.update(staff, id, applicationForm.toContent(bytes, pdfName(pdf, bytes))));
		}
		catch (UploadRefused ex) {
			result.rejectValue("handlingRules", ex.messageKey());
			return formView(staff, model, application);
		}
	}

	@PostMapping("/applications/{id}/submit")
	String submit(@AuthenticationPrincipal Staff staff, @PathVariable long id, RedirectAttributes redirect) {
		return outcome(id, redirect, "application.submitted", () -> permits.submit(staff, id));
	}

	@PostMapping("/applications/{id}/{action:return|reject}")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String review(@AuthenticationPrincipal Staff staff, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
		String text = comment == null ? "" : comment.strip();
		if (text.isEmpty() || !MultiLine.Validator.fits(text, 2000)) {
			redirect.addFlashAttribute("flashError", "application.error.comment");
			return "redirect:/applications/" + id;
		}
		return action.equals("return")
				? outcome(id, redirect, "application.returned", () -> permits.returnForCorrection(staff, id, text))
				: outcome(id, redirect, "application.rejected", () -> permits.reject(staff, id, text));
	}

	@PostMapping("/applications/{id}/approve")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String approve(@AuthenticationPrincipal Staff staff, @PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate validFrom,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate validUntil,
			@RequestParam(required = false) @Nullable String conditions, RedirectAttributes redirect) {
		String text = conditions == null || conditions.isBlank() ? null : conditions.strip();
		if (validFrom == null || validUntil == null) {
			redirect.addFlashAttribute("flashError", "permit.error.period");
			return "redirect:/applications/" + id;
		}
		if (text != null && !MultiLine.Validator.fits(text, 2000)) {
			redirect.addFlashAttribute("flashError", "application.error.comment");
			return "redirect:/applications/" + id;
		}
		long permit = permits.approve(staff, id, validFrom, validUntil, text);
		redirect.addFlashAttribute("flashMessage", "application.approved");
		return "redirect:/permits/" + permit;
	}

	@GetMapping("/applications/{id}/handling-rules.pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Staff staff, @PathVariable long id) {
		byte[] pdf = permits.handlingRulesPdf(staff, id).orElseThrow(() -> new NotFoundException("pdf " + id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("handling-rules-" + id + ".pdf", StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(pdf);
	}

	/** The permit as a printable A4 page (様式第2号). */
	@GetMapping("/permits/{id}")
	String permit(@AuthenticationPrincipal Staff staff, @PathVariable long id, Model model) {
		UsagePermit permit = permits.permit(staff, id);
		model.addAttribute("permit", permit);
		model.addAttribute("body", organization.get(permit.bodyId()));
		model.addAttribute("issuedOn", WAREKI.format(permit.issuedOn()));
		model.addAttribute("validFrom", WAREKI.format(permit.validFrom()));
		model.addAttribute("validUntil", permit.validUntil() == null ? null : WAREKI.format(permit.validUntil()));
		if (permit.applicationId() != null) {
			UsageApplication application = permits.application(staff, permit.applicationId());
			model.addAttribute("usage", application);
			model.addAttribute("appliedOn", application.submittedAt() == null ? null
					: WAREKI.format(LocalDate.ofInstant(application.submittedAt(), permits.zone())));
		}
		return "organization/permit";
	}

	private String formView(Staff staff, Model model, @Nullable UsageApplication application) {
		model.addAttribute("usage", application);
		model.addAttribute("bodies", staff.isSystemAdmin() ? organization.all() : List.of());
		return "organization/application-form";
	}

	/** The attached PDF, if any: at most 5 MB, and a PDF by its first bytes. */
	private static byte @Nullable [] readPdf(@Nullable MultipartFile pdf, BindingResult result) throws IOException {
		if (pdf == null || pdf.isEmpty()) {
			return null;
		}
		if (pdf.getSize() > MAX_PDF) {
			result.rejectValue("handlingRules", "application.error.pdfSize");
			return null;
		}
		byte[] bytes = pdf.getBytes();
		if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
			result.rejectValue("handlingRules", "application.error.pdfType");
			return null;
		}
		return bytes;
	}

	private static @Nullable String pdfName(@Nullable MultipartFile pdf, byte @Nullable [] bytes) {
		if (bytes == null || pdf == null) {
			return null;
		}
		String name = pdf.getOriginalFilename() == null ? "handling-rules.pdf" : pdf.getOriginalFilename();
		String safe = name.replaceAll("[\\p{Cntrl}/\\\\]", "_");
		return safe.length() > 200 ? safe.substring(safe.length() - 200) : safe;
	}

	private static void checkPeriod(ApplicationForm form, BindingResult result) {
		if (form.getPeriodStart() != null && form.getPeriodEnd() != null
				&& form.getPeriodEnd().isBefore(form.getPeriodStart())) {
			result.rejectValue("periodEnd", "permit.error.period");
		}
		String planned = form.getPlannedLists();
		if (planned != null && !planned.isBlank() && !result.hasFieldErrors("plannedLists")) {
			long empty = planned.lines().filter(line -> EMPTY_ITEM.matcher(line).matches()).count();
			if (empty > 0) {
				// the template's items left as they came: nothing is described yet
				result.rejectValue("plannedLists", "application.error.emptyItems", new Object[] { empty }, null);
			}
		}
	}

	/**
	 * Does the action and goes back to the application's page. A refusal goes back there
	 * too, with its message: the common {@code DomainExceptionAdvice} answers it.
	 */
	private static String outcome(long id, RedirectAttributes redirect, String success, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flashMessage", success);
		return "redirect:/applications/" + id;
	}

}
