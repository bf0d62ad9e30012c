package jp.renraku.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Audit pages: the system administrator sees every entry and verifies the chain; an
 * operations manager sees the entries of their own body. The body is never taken from the
 * request.
 */
@Controller
class AuditController {

	private static final String VIEW_LIST = "audit/list";

	private final AuditTrail trail;

	private final BodyDirectory bodies;

	AuditController(AuditTrail trail, BodyDirectory bodies) {
		this.trail = trail;
		this.bodies = bodies;
	}

	@GetMapping("/audit")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OPERATIONS_MANAGER')")
	String list(@AuthenticationPrincipal Staff staff,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable AuditAction action, @RequestParam(defaultValue = "0") int page,
			Model model) {
		AuditQuery query = new AuditQuery(from, to, actor, action);
		List<AuditEntry> found = trail.search(staff, query, page);
		boolean hasNext = found.size() > AuditTrail.PAGE_SIZE;
		model.addAttribute("entries", hasNext ? found.subList(0, AuditTrail.PAGE_SIZE) : found);
		model.addAttribute("query", query);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("hasNext", hasNext);
		model.addAttribute("actions", AuditAction.values());
		Map<Long, String> names = bodies.namesById();
		model.addAttribute("bodyNames", staff.isSystemAdmin() ? names
				: Map.of(staff.requireBody(), names.getOrDefault(staff.requireBody(), "")));
		return VIEW_LIST;
	}

	@PostMapping("/audit/verify")
	@PreAuthorize("hasRole('SYSTEM_ADMIN')")
	String verify(RedirectAttributes redirect) {
		AuditVerification result = trail.verify();
		trail.record(AuditAction.AUDIT_VERIFIED, null, null,
				result.intact() ? "intact:" + result.entriesChecked() : "broken-at:" + result.firstBrokenSeq());
		redirect.addFlashAttribute("verification", result);
		return "redirect:/audit";
	}

}
