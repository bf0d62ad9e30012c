package jp.renraku.account;

import java.util.ArrayList;
import java.util.List;

import jp.renraku.common.Staff;
import jp.renraku.organization.OrganizationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Retiring accounts (Art. 11-1-2), one with a colleague to take their open work, or
 * several chosen in the review. Each is asked once more on a page of its own that names
 * who loses access; opening it changes nothing, and only its button's POST retires.
 * Another body's account answers 404 ({@link AccountManagement#manageable}).
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OPERATIONS_MANAGER')")
class RetirementController {

	private static final String VIEW_ONE = "account/retire";

	private static final String VIEW_CHOSEN = "account/retire-chosen";

	/**
	 * One chosen account as the confirmation page shows it; {@code self} is the one
	 * signed in, who cannot retire themselves.
	 */
	record Chosen(StaffAccount account, int openWork, boolean self) {

		public boolean retires() {
			return account.active() && openWork == 0 && !self;
		}

	}

	private final AccountManagement accounts;

	private final OrganizationManagement organization;

	RetirementController(AccountManagement accounts, OrganizationManagement organization) {
		this.accounts = accounts;
		this.organization = organization;
	}

	@GetMapping("/staff/{accountId}/retire")
	String confirmRetire(@AuthenticationPrincipal Staff staff, @PathVariable long accountId, Model model) {
		StaffAccount account = accounts.manageable(staff, accountId);
		if (!account.active()) {
			return "redirect:/staff/" + accountId;
		}
		model.addAttribute("target", account);
		if (account.bodyId() != null) {
			model.addAttribute("body", organization.get(account.bodyId()));
			model.addAttribute("colleagues",
					accounts.ofBody(account.bodyId())
						.stream()
						.filter(c -> c.active() && c.id() != account.id())
						.toList());
		}
		model.addAttribute("openWork", accounts.openWork(account.id()));
		return VIEW_ONE;
	}

	@PostMapping("/staff/{accountId}/retire")
	String retire(@AuthenticationPrincipal Staff staff, @PathVariable long accountId,
			@RequestParam(required = false) @Nullable Long handOverTo, RedirectAttributes redirect) {
		accounts.retire(staff, accountId, handOverTo);
		redirect.addFlashAttribute("flashMessage", "account.retired");
		return "redirect:/staff/" + accountId;
	}

	/**
	 * The accounts ticked in the review, before they are retired: who loses access, and
	 * who is left because their open work needs a colleague to take it.
	 */
	@GetMapping("/staff/review/retire")
	String confirmRetireChosen(@AuthenticationPrincipal Staff staff,
			@RequestParam(name = "ids", required = false) @Nullable List<Long> ids, Model model,
			RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("flashError", "review.error.noneChosen");
			return "redirect:/staff/review";
		}
		List<Chosen> chosen = ids.stream()
			.distinct()
			.map(id -> accounts.manageable(staff, id))
			.map(account -> new Chosen(account, accounts.openWork(account.id()), account.id() == staff.accountId()))
			.toList();
		model.addAttribute("chosen", chosen);
		model.addAttribute("retiring", chosen.stream().filter(Chosen::retires).count());
		model.addAttribute("bodyNames", organization.namesById());
		return VIEW_CHOSEN;
	}

	/**
	 * Retires the chosen accounts at once. Accounts with open work are left for a
	 * one-by-one retirement with a colleague to take it; the page lists them.
	 */
	@PostMapping("/staff/review/retire")
	String retireChosen(@AuthenticationPrincipal Staff staff,
			@RequestParam(name = "ids", required = false) @Nullable List<Long> ids, RedirectAttributes redirect) {
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("flashError", "review.error.noneChosen");
			return "redirect:/staff/review";
		}
		List<String> left = new ArrayList<>();
		int retired = 0;
		for (long id : ids.stream().distinct().toList()) {
			String loginId = accounts.manageable(staff, id).loginId();
			try {
				accounts.retire(staff, id, null);
				retired++;
			}
			catch (AccountException ex) {
				left.add(loginId);
			}
		}
		redirect.addFlashAttribute("retiredCount", retired);
		redirect.addFlashAttribute("notRetired", left);
		redirect.addFlashAttribute("flashMessage", left.isEmpty() ? "review.retired" : "review.retiredSome");
		return "redirect:/staff/review";
	}

}
