package jp.renraku.registration;

import java.util.Map;
import java.util.List;
import java.util.HashMap;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.validation.Valid;
import jp.renraku.common.QrCodes;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Staff;
import jp.renraku.mail.MailInSettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operations manager's pages for their body's lists and usage rules (Art. 7).
 */
@Controller
@RequestMapping("/lists")
@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
class ListController {

	private static final String VIEW_LISTS = "registration/lists";

	private static final String VIEW_FORM = "registration/list-form";

	private static final String VIEW_DETAIL = "registration/list-detail";

	private final RegistrationManagement registration;

	private final RenrakuProperties properties;

	private final MailInSettings mailIn;

	private final ListIssuers issuers;

	private final RegistrationWindow window;

	ListController(RegistrationManagement registration, RenrakuProperties properties, MailInSettings mailIn,
			ListIssuers issuers, RegistrationWindow window) {
		this.window = window;
		this.registration = registration;
		this.properties = properties;
		this.mailIn = mailIn;
		this.issuers = issuers;
	}

	@ModelAttribute("verifications")
	Verification[] verifications() {
		return Verification.values();
	}

	@ModelAttribute("fieldKinds")
	FieldKind[] fieldKinds() {
		return FieldKind.values();
	}

	@GetMapping
	String lists(@AuthenticationPrincipal Staff staff, Model model) {
		List<RegistrationList> lists = registration.lists(staff);
		Map<Long, ListClosure> closures = new HashMap<>();
		lists.forEach(list -> window.why(list).ifPresent(why -> closures.put(list.id(), why)));
		model.addAttribute("lists", lists);
		model.addAttribute("closures", closures);
		model.addAttribute("today", registration.today());
		return VIEW_LISTS;
	}

	@GetMapping("/new")
	String initCreationForm(Model model) {
		model.addAttribute("listForm", new ListForm());
		return VIEW_FORM;
	}

	@PostMapping("/new")
	String processCreationForm(@AuthenticationPrincipal Staff staff, @Valid ListForm listForm, BindingResult result,
			RedirectAttributes redirect) {
		check(staff, listForm, 0, result);
		if (result.hasErrors()) {
			return VIEW_FORM;
		}
		long id;
		try {
			id = registration.createList(staff, listForm.toRules());
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "list.error.nameTaken");
			return VIEW_FORM;
		}
		redirect.addFlashAttribute("flashMessage", "list.created");
		return "redirect:/lists/" + id;
	}

	@GetMapping("/{listId}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Model model) {
		RegistrationList list = registration.list(staff, listId);
		model.addAttribute("list", list);
		model.addAttribute("closure", window.why(list).orElse(null));
		model.addAttribute("registrationUrl", registrationUrl(list));
		model.addAttribute("shortUrl", shortUrl(staff, list));
		model.addAttribute("counts", registration.counts(staff, listId));
		model.addAttribute("today", registration.today());
		model.addAttribute("mailInConfigured", mailIn.verp());
		model.addAttribute("mailEntryAddress",
				registration.mailCode(staff, listId)
					.filter(code -> mailIn.verp())
					.map(code -> "entry+" + code + "@" + mailIn.domain())
					.orElse(null));
		return VIEW_DETAIL;
	}

	/** 空メール登録: issues the list a registration address for empty mail, or removes it. */
	@PostMapping("/{listId}/mail-entry")
	String mailEntry(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			@RequestParam(defaultValue = "false") boolean on, RedirectAttributes redirect) {
		registration.setMailEntry(staff, listId, on);
		redirect.addFlashAttribute("flashMessage", on ? "list.mailEntryOn" : "list.mailEntryOff");
		return "redirect:/lists/" + listId;
	}

	@GetMapping("/{listId}/edit")
	String initUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Model model) {
		RegistrationList list = registration.list(staff, listId);
		model.addAttribute("list", list);
		model.addAttribute("listForm", ListForm.of(list));
		return VIEW_FORM;
	}

	@PostMapping("/{listId}/edit")
	String processUpdateForm(@AuthenticationPrincipal Staff staff, @PathVariable long listId, @Valid ListForm listForm,
			BindingResult result, Model model, RedirectAttributes redirect) {
		RegistrationList list = registration.list(staff, listId);
		check(staff, listForm, listId, result);
		if (result.hasErrors()) {
			model.addAttribute("list", list);
			return VIEW_FORM;
		}
		try {
			registration.updateList(staff, listId, listForm.toRules());
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("name", "list.error.nameTaken");
			model.addAttribute("list", list);
			return VIEW_FORM;
		}
		redirect.addFlashAttribute("flashMessage", "list.updated");
		return "redirect:/lists/" + listId;
	}

	@PostMapping("/{listId}/rotate-password")
	String rotatePassword(@AuthenticationPrincipal Staff staff, @PathVariable long listId,
			RedirectAttributes redirect) {
		registration.rotatePassword(staff, listId);
		redirect.addFlashAttribute("flashMessage", "list.passwordRotated");
		return "redirect:/lists/" + listId;
	}

	@PostMapping("/{listId}/close")
	String close(@AuthenticationPrincipal Staff staff, @PathVariable long listId, RedirectAttributes redirect) {
		registration.setRegistrationOpen(staff, listId, false);
		redirect.addFlashAttribute("flashMessage", "list.closed");
		return "redirect:/lists/" + listId;
	}

	@PostMapping("/{listId}/open")
	String open(@AuthenticationPrincipal Staff staff, @PathVariable long listId, RedirectAttributes redirect) {
		registration.setRegistrationOpen(staff, listId, true);
		redirect.addFlashAttribute("flashMessage", "list.opened");
		return "redirect:/lists/" + listId;
	}

	/**
	 * A printable guide for letters and posters, one A4 page: who issues it and when, the
	 * list's name and purpose, the short URL (typed by hand) and its QR code, the
	 * password, the address to allow, the contact.
	 */
	@GetMapping("/{listId}/guide")
	String guide(@AuthenticationPrincipal Staff staff, @PathVariable long listId, Locale locale, Model model) {
		RegistrationList list = registration.list(staff, listId);
		String url = shortUrl(staff, list);
		model.addAttribute("list", list);
		model.addAttribute("purpose", GuideText.purpose(list.purpose()));
		model.addAttribute("shortUrl", url);
		model.addAttribute("qr", QrCodes.pngDataUri(url, 360));
		model.addAttribute("issuer", issuers.of(list));
		model.addAttribute("issuedOn",
				DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(registration.today()));
		return "registration/guide";
	}

	private String registrationUrl(RegistrationList list) {
		return properties.baseUrl() + "/r/" + list.publicToken();
	}

	/** The URL to type from paper: {@code /r/ABCD-EFGH}. */
	private String shortUrl(Staff staff, RegistrationList list) {
		return properties.baseUrl() + "/r/" + registration.shortCode(staff, list.id());
	}

	private void check(Staff staff, ListForm form, long listId, BindingResult result) {
		if (form.getPeriodStart() != null && form.getPeriodEnd() != null
				&& form.getPeriodEnd().isBefore(form.getPeriodStart())) {
			result.rejectValue("periodEnd", "list.error.periodEnd");
		}
		if (form.isCollectAffiliation() && Lines.of(form.getAffiliationOptions()).isEmpty()) {
			result.rejectValue("affiliationOptions", "list.error.affiliationOptions");
		}
		for (String field : new String[] { "categories", "mandatoryCategories" }) {
			String names = "categories".equals(field) ? form.getCategories() : form.getMandatoryCategories();
			if (Lines.of(names).stream().anyMatch(c -> c.length() > 50)) {
				result.rejectValue(field, "list.error.categoryLength");
			}
		}
		for (int i = 0; i < form.getCustomFields().size(); i++) {
			CustomFieldForm field = form.getCustomFields().get(i);
			if (field.used() && field.getKind() != FieldKind.TEXT && Lines.of(field.getOptions()).size() < 2) {
				result.rejectValue("customFields[" + i + "].options", "list.error.choiceOptions");
			}
		}
		if (form.getName() != null && !result.hasFieldErrors("name")
				&& registration.listNameTaken(staff, form.getName(), listId)) {
			result.rejectValue("name", "list.error.nameTaken");
		}
	}

}
