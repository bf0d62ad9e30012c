package jp.renraku.confirmation;

import java.time.Clock;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryLinks;
import jp.renraku.delivery.ReceiptTarget;
import jp.renraku.registration.EndedRegistration;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The recipient's confirmation link (Art. 5-2), without sign-in or session. Opening it
 * records nothing — mail scanners and link previews open links without a person — it
 * shows the notice's title and one button, or its questions; the POST, which carries the
 * token in its address, records the confirmation once and the answers (which can be
 * changed until the deadline). A forged, cut or foreign token gets a plain "not found";
 * after the deadline the link answers "closed" (410) and records nothing; the link of
 * someone who has stopped or was erased since answers the page that their mail has
 * stopped (410, the page their personal link answers too) and records nothing. What a
 * press comes to is decided by {@link PressDecision}, as on the button's short path.
 */
@Controller
class ReceiptController {

	private static final String VIEW_PAGE = "confirmation/receipt";

	private static final String VIEW_CLOSED = "confirmation/receipt-closed";

	private static final String VIEW_DONE = "confirmation/receipt-done";

	/** The registration module's page of a stopped person's links. */
	private static final String VIEW_STOPPED = "registration/manage-stopped";

	private final DeliveryLinks deliveries;

	private final ReleasedNotices released;

	private final Receipts receipts;

	private final ReceiptWriter writer;

	private final RegistrationManagement registration;

	private final Clock clock;

	private final NoticeAttachments attachments;

	ReceiptController(DeliveryLinks deliveries, ReleasedNotices released, Receipts receipts, ReceiptWriter writer,
			RegistrationManagement registration, Clock clock, NoticeAttachments attachments) {
		this.attachments = attachments;
		this.writer = writer;
		this.registration = registration;
		this.clock = clock;
		this.deliveries = deliveries;
		this.released = released;
		this.receipts = receipts;
	}

	private PressDecision decide(String token, HttpServletRequest request, boolean answering) {
		ReceiptTarget target = deliveries.receiptTarget(token).orElseThrow(() -> new NotFoundException("receipt"));
		boolean registered = !registration.stillRegistered(Set.of(target.registrantId())).isEmpty();
		PressDecision decision = released.decide(target, registered, answering ? request::getParameterValues : null);
		if (decision.outcome() == PressOutcome.NOT_FOUND) {
			throw new NotFoundException("receipt token");
		}
		return decision;
	}

	private static String closed(PressDecision decision, Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("subject", reader(decision.notice()).subject());
		return VIEW_CLOSED;
	}

	private String stopped(PressDecision decision, Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("ended", registration.ended(decision.target().registrantId())
			.orElseGet(() -> new EndedRegistration(null, null)));
		return VIEW_STOPPED;
	}

	@GetMapping("/c/{token}")
	String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
		PressDecision decision = decide(token, request, false);
		if (decision.outcome() == PressOutcome.STOPPED) {
			return stopped(decision, model, response);
		}
		if (decision.outcome() == PressOutcome.CLOSED) {
			return closed(decision, model, response);
		}
		Receipts.Sent sent = receipts.sent(decision.target().delivery().value());
		model.addAttribute("sent", sent);
		model.addAttribute("confirmed", sent != null);
		return page(decision, token, model);
	}

	/** The notice in the reader's language: their version's subject and questions. */
	private static ConfirmableNotice reader(ConfirmableNotice notice) {
		return notice.in(Language.of(LocaleContextHolder.getLocale()));
	}

	/** The notice's page: its questions or button, and the links to its files. */
	private String page(PressDecision decision, String token, Model model) {
		ConfirmableNotice notice = decision.notice();
		model.addAttribute("files", attachments.of(notice.id().value()));
		model.addAttribute("fileToken", deliveries.fileToken(decision.target().delivery()));
		model.addAttribute("notice", reader(notice));
		model.addAttribute("token", token);
		model.addAttribute("deadline", notice.deadline());
		return VIEW_PAGE;
	}

	@PostMapping("/c/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		PressDecision decision = decide(token, request, true);
		ConfirmableNotice notice = decision.notice();
		switch (decision.outcome()) {
			case STOPPED -> {
				return stopped(decision, model, response);
			}
			case CLOSED -> {
				return closed(decision, model, response);
			}
			case INVALID -> {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				model.addAttribute("sent", new Receipts.Sent(clock.instant(), null, decision.sheet().given()));
				model.addAttribute("errors", decision.sheet().errors());
				model.addAttribute("confirmed", false);
				return page(decision, token, model);
			}
			default -> {
			}
		}
		model.addAttribute("subject", reader(notice).subject());
		model.addAttribute("first", writer.record(decision) == PressOutcome.RECORDED);
		if (decision.sheet() != null) {
			model.addAttribute("questions", reader(notice).questions());
			model.addAttribute("answers", decision.sheet().given());
			model.addAttribute("deadline", released.closesAt(notice));
		}
		return VIEW_DONE;
	}

}
