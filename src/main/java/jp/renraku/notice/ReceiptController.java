package jp.renraku.notice;

import java.util.Optional;
import java.util.OptionalLong;

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
 * shows the notice's title and one button; the button's POST, which carries the token in
 * its address, records the confirmation once. A forged, cut or foreign token gets a plain
 * "not found".
 */
@Controller
class ReceiptController {

	private final ReceiptTokens tokens;

	private final DeliveryQueue deliveries;

	private final Notices notices;

	private final Receipts receipts;

	private final ReceiptWriter writer;

	ReceiptController(ReceiptTokens tokens, DeliveryQueue deliveries, Notices notices, Receipts receipts,
			ReceiptWriter writer) {
		this.writer = writer;
		this.tokens = tokens;
		this.deliveries = deliveries;
		this.notices = notices;
		this.receipts = receipts;
	}

	/**
	 * The delivery and its notice, if the token is genuine and the notice asks for
	 * confirmation.
	 */
	private record Target(long deliveryId, Notices.ReceiptNotice notice) {
	}

	private Target target(String token) {
		OptionalLong delivery = tokens.deliveryId(token);
		if (delivery.isEmpty()) {
			throw new NotFoundException("receipt token");
		}
		Optional<Notices.ReceiptNotice> notice = deliveries.noticeOf(delivery.getAsLong()).flatMap(this::receiptNotice);
		if (notice.isEmpty()) {
			throw new NotFoundException("receipt token");
		}
		return new Target(delivery.getAsLong(), notice.get());
	}

	/**
	 * Released notices asking for confirmation, by id: a released notice does not change,
	 * and every click of a disaster's notice would otherwise read the same row.
	 */
	private final java.util.Map<Long, Notices.ReceiptNotice> released = new java.util.concurrent.ConcurrentHashMap<>();

	private Optional<Notices.ReceiptNotice> receiptNotice(long noticeId) {
		Notices.ReceiptNotice known = released.get(noticeId);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<Notices.ReceiptNotice> found = notices.receiptNotice(noticeId);
		if (found.isPresent()) {
			if (released.size() > 1000) {
				released.clear();
			}
			released.put(noticeId, found.get());
		}
		return found;
	}

	@GetMapping("/c/{token}")
	String show(@PathVariable String token, Model model) {
		Target target = target(token);
		model.addAttribute("notice", target.notice());
		model.addAttribute("token", token);
		model.addAttribute("confirmed", receipts.confirmed(target.deliveryId()));
		return "notice/receipt";
	}

	@PostMapping("/c/{token}")
	String confirm(@PathVariable String token, Model model) throws Exception {
		Target target = target(token);
		boolean first = writer.confirm(target.deliveryId(), target.notice().id());
		model.addAttribute("subject", target.notice().subject());
		model.addAttribute("first", first);
		return "notice/receipt-done";
	}

}
