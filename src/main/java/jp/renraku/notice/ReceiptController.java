package jp.renraku.notice;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.NotFoundException;
import jp.renraku.delivery.DeliveryQueue;
import jp.renraku.delivery.ReceiptTokens;
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
 * after the deadline the link answers "closed" (410) and records nothing.
 */
@Controller
class ReceiptController {

	private static final String VIEW_PAGE = "notice/receipt";

	private final ReceiptTokens tokens;

	private final DeliveryQueue deliveries;

	private final ReleasedNotices released;

	private final Receipts receipts;

	private final ReceiptWriter writer;

	private final Clock clock;

	ReceiptController(ReceiptTokens tokens, DeliveryQueue deliveries, ReleasedNotices released, Receipts receipts,
			ReceiptWriter writer, Clock clock) {
		this.writer = writer;
		this.tokens = tokens;
		this.deliveries = deliveries;
		this.released = released;
		this.receipts = receipts;
		this.clock = clock;
	}

	/**
	 * The delivery a confirmation is recorded on and its notice, if the token is genuine
	 * and the notice asks for confirmation.
	 */
	private record Target(long deliveryId, Notices.ReceiptNotice notice) {
	}

	private Target target(String token) {
		OptionalLong delivery = tokens.deliveryId(token);
		if (delivery.isEmpty()) {
			throw new NotFoundException("receipt token");
		}
		Optional<DeliveryQueue.ReceiptTarget> sent = deliveries.receiptTarget(delivery.getAsLong());
		Optional<Notices.ReceiptNotice> notice = sent.flatMap(s -> released.find(s.noticeId()));
		if (notice.isEmpty()) {
			throw new NotFoundException("receipt token");
		}
		return new Target(sent.get().deliveryId(), notice.get());
	}

	/**
	 * Whether the notice still takes confirmations and answers; if not, the closed page.
	 */
	private boolean closed(Target target, Model model, HttpServletResponse response) {
		if (released.open(target.notice())) {
			return false;
		}
		response.setStatus(HttpServletResponse.SC_GONE);
		model.addAttribute("subject", target.notice().subject());
		return true;
	}

	@GetMapping("/c/{token}")
	String show(@PathVariable String token, Model model, HttpServletResponse response) {
		Target target = target(token);
		if (closed(target, model, response)) {
			return "notice/receipt-closed";
		}
		Receipts.Sent sent = receipts.sent(target.deliveryId());
		model.addAttribute("sent", sent);
		model.addAttribute("confirmed", sent != null);
		return page(target, token, model);
	}

	private String page(Target target, String token, Model model) {
		model.addAttribute("notice", target.notice());
		model.addAttribute("token", token);
		model.addAttribute("deadline", target.notice().deadline());
		return VIEW_PAGE;
	}

	@PostMapping("/c/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		Target target = target(token);
		if (closed(target, model, response)) {
			return "notice/receipt-closed";
		}
		List<NoticeQuestion> questions = target.notice().questions();
		model.addAttribute("subject", target.notice().subject());
		if (questions.isEmpty()) {
			model.addAttribute("first", writer.confirm(target.deliveryId(), target.notice().id()));
			return "notice/receipt-done";
		}
		AnswerSheet sheet = AnswerSheet.read(questions, request::getParameterValues);
		if (!sheet.valid()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("sent", new Receipts.Sent(clock.instant(), null, sheet.given()));
			model.addAttribute("errors", sheet.errors());
			model.addAttribute("confirmed", false);
			return page(target, token, model);
		}
		model.addAttribute("first", writer.answer(target.deliveryId(), target.notice().id(), sheet.answers()));
		model.addAttribute("questions", questions);
		model.addAttribute("answers", sheet.given());
		model.addAttribute("deadline", released.closesAt(target.notice()));
		return "notice/receipt-done";
	}

}
