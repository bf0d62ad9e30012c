package jp.renraku.account;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff accounts, managed by the system administrator (every account; operations managers
 * of a body, Art. 3-2-4, 3-2-5) and by operations managers (the senders of their own
 * body, Art. 4-2-2). Which accounts an actor reaches is decided by
 * {@link AccountManagement}; another body's account answers 404. Retirement, asked once
 * more on a page of its own, is {@link RetirementController}.
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OPERATIONS_MANAGER')")
class StaffController {

	private static final String VIEW_LIST = "account/list";

	private static final String VIEW_DETAIL = "account/detail";

	private static final String VIEW_FORM = "account/form";

	private static final String VIEW_ISSUED = "account/issued";

	static final String VIEW_PROFILE = "account/profile";

	private static final String VIEW_TRANSFER = "account/transfer";

	private static final List<Integer> REVIEW_DAYS = List.of(30, 60, 90, 180, 365);

	private final AccountManagement accounts;

	private final OrganizationManagement organization;

	StaffController(AccountManagement accounts, OrganizationManagement organization) {
		this.accounts = accounts;
		this.organization = organization;
	}

	/**
	 * The system administrator may narrow the list to one body with {@code ?body=}; an
	 * operations manager always sees their own body, whatever the request says.
	 */
	@GetMapping("/staff")
	String list(@AuthenticationPrincipal Staff staff, @RequestParam(required = false) @Nullable Long body,
			Model model) {
		if (staff.isSystemAdmin() && body != null) {
			model.addAttribute("accounts", accounts.ofBody(organization.get(body).id()));
			model.addAttribute("filterBody", organization.get(body));
		}
		else {
			model.addAttribute("accounts", accounts.visibleTo(staff));
		}
		model.addAttribute("bodies", organization.all());
		return VIEW_LIST;
	}

	@GetMapping("/staff/{accountId}")
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, Model model) {
		StaffAccount account = accounts.manageable(staff, accountId);
		model.addAttribute("target", account);
		if (account.bodyId() != null) {
			model.addAttribute("body", organization.get(account.bodyId()));
		}
		model.addAttribute("openWork", accounts.openWork(account.id()));
		return VIEW_DETAIL;
	}

	/**
	 * Art. 11-1-2: accounts not used for {@code days}, with expired passwords, or still
	 * active after their holder left; the system administrator sees all, an operations
	 * manager their body.
	 */
	@GetMapping("/staff/review")
	String review(@AuthenticationPrincipal Staff staff, @RequestParam(defaultValue = "90") int days, Model model) {
		int chosen = REVIEW_DAYS.contains(days) ? days : 90;
		model.addAttribute("days", chosen);
		model.addAttribute("choices", REVIEW_DAYS);
		model.addAttribute("review", accounts.review(staff, chosen));
		model.addAttribute("bodyNames", organization.namesById());
		return "account/review";
	}

	@PostMapping("/staff/{accountId}/leaves-on")
	String leavesOn(@AuthenticationPrincipal Staff staff, @PathVariable long accountId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate leavesOn,
			RedirectAttributes redirect) {
		return outcome(accountId, redirect, "account.leavesOnSaved",
				() -> accounts.setLeavesOn(staff, accountId, leavesOn));
	}

	@GetMapping("/staff/new-sender")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String initSenderForm(@AuthenticationPrincipal Staff staff, Model model) {
		model.addAttribute("accountForm", new AccountForm());
		return formView(Role.SENDER, organization.get(staff.requireBody()).name(), "/staff/new-sender", model);
	}

	@PostMapping("/staff/new-sender")
	@PreAuthorize("hasRole('OPERATIONS_MANAGER')")
	String processSenderForm(@AuthenticationPrincipal Staff staff, @Valid AccountForm accountForm, BindingResult result,
			Model model) {
		rejectTakenLoginId(staff, accountForm, result);
		if (result.hasErrors()) {
			return formView(Role.SENDER, organization.get(staff.requireBody()).name(), "/staff/new-sender", model);
		}
		return issuedView(accounts.createSender(staff, accountForm.toNewAccount()), model);
	}

	@GetMapping("/admin/bodies/{bodyId}/managers/new")
	String initManagerForm(@PathVariable long bodyId, Model model) {
		model.addAttribute("accountForm", new AccountForm());
		return formView(Role.OPERATIONS_MANAGER, organization.get(bodyId).name(),
				"/admin/bodies/" + bodyId + "/managers/new", model);
	}

	@PostMapping("/admin/bodies/{bodyId}/managers/new")
	String processManagerForm(@AuthenticationPrincipal Staff staff, @PathVariable long bodyId,
			@Valid AccountForm accountForm, BindingResult result, Model model) {
		String bodyName = organization.get(bodyId).name();
		rejectTakenLoginId(staff, accountForm, result);
		if (result.hasErrors()) {
			return formView(Role.OPERATIONS_MANAGER, bodyName, "/admin/bodies/" + bodyId + "/managers/new", model);
		}
		return issuedView(accounts.createOperationsManager(staff, bodyId, accountForm.toNewAccount()), model);
	}

	@GetMapping("/admin/administrators/new")
	String initAdministratorForm(Model model) {
		model.addAttribute("accountForm", new AccountForm());
		return formView(Role.SYSTEM_ADMIN, null, "/admin/administrators/new", model);
	}

	@PostMapping("/admin/administrators/new")
	String processAdministratorForm(@AuthenticationPrincipal Staff staff, @Valid AccountForm accountForm,
			BindingResult result, Model model) {
		rejectTakenLoginId(staff, accountForm, result);
		if (result.hasErrors()) {
			return formView(Role.SYSTEM_ADMIN, null, "/admin/administrators/new", model);
		}
		return issuedView(accounts.createSystemAdmin(staff, accountForm.toNewAccount()), model);
	}

	@GetMapping("/staff/{accountId}/edit")
	String initProfileForm(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, Model model) {
		StaffAccount account = accounts.manageable(staff, accountId);
		model.addAttribute("profileForm", ProfileForm.of(account));
		return profileView(account, "/staff/" + accountId + "/edit", model);
	}

	@PostMapping("/staff/{accountId}/edit")
	String processProfileForm(@AuthenticationPrincipal Staff staff, @PathVariable long accountId,
			@Valid ProfileForm profileForm, BindingResult result, Model model, RedirectAttributes redirect) {
		StaffAccount account = accounts.manageable(staff, accountId);
		if (result.hasErrors()) {
			return profileView(account, "/staff/" + accountId + "/edit", model);
		}
		accounts.updateProfile(staff, accountId, profileForm.getDisplayName(), profileForm.emailOrNull());
		redirect.addFlashAttribute("flashMessage", "account.updated");
		return "redirect:/staff/" + accountId;
	}

	static String profileView(StaffAccount account, String action, Model model) {
		model.addAttribute("target", account);
		model.addAttribute("action", action);
		return VIEW_PROFILE;
	}

	@GetMapping("/staff/{accountId}/transfer")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String initTransferForm(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, Model model) {
		StaffAccount account = accounts.manageable(staff, accountId);
		model.addAttribute("target", account);
		model.addAttribute("bodies", organization.all());
		model.addAttribute("roles", new Role[] { Role.OPERATIONS_MANAGER, Role.SENDER });
		return VIEW_TRANSFER;
	}

	@PostMapping("/staff/{accountId}/transfer")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String processTransferForm(@AuthenticationPrincipal Staff staff, @PathVariable long accountId,
			@RequestParam long bodyId, @RequestParam Role role, RedirectAttributes redirect) {
		return outcome(accountId, redirect, "account.transferred",
				() -> accounts.transfer(staff, accountId, bodyId, role));
	}

	@PostMapping("/staff/{accountId}/unlock")
	String unlock(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, RedirectAttributes redirect) {
		return outcome(accountId, redirect, "account.unlocked", () -> accounts.unlock(staff, accountId));
	}

	@PostMapping("/staff/{accountId}/reset-totp")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String resetTotp(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, RedirectAttributes redirect) {
		return outcome(accountId, redirect, "account.totpReset", () -> accounts.resetTotp(staff, accountId));
	}

	@PostMapping("/staff/{accountId}/reset-password")
	String resetPassword(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, Model model) {
		return issuedView(accounts.resetPassword(staff, accountId), model);
	}

	/**
	 * Does the action and goes back to the account's page. A refusal goes back there too,
	 * with its message: the common {@code DomainExceptionAdvice} answers it.
	 */
	private static String outcome(long accountId, RedirectAttributes redirect, String success, Runnable action) {
		action.run();
		redirect.addFlashAttribute("flashMessage", success);
		return "redirect:/staff/" + accountId;
	}

	private void rejectTakenLoginId(Staff staff, AccountForm form, BindingResult result) {
		if (!result.hasFieldErrors("loginId") && form.getLoginId() != null) {
			accounts.loginIdRefusal(staff, form.getLoginId()).ifPresent(key -> result.rejectValue("loginId", key));
		}
	}

	private static String formView(Role role, @Nullable String bodyName, String action, Model model) {
		model.addAttribute("role", role);
		model.addAttribute("bodyName", bodyName);
		model.addAttribute("action", action);
		return VIEW_FORM;
	}

	private static String issuedView(IssuedPassword issued, Model model) {
		model.addAttribute("issued", issued);
		return VIEW_ISSUED;
	}

}
