package jp.renraku.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery module's API for the links and addresses in a recipient's mail: what each
 * token names — the confirmation link, the opening image, the links to a notice's files,
 * the Reply-To — so that no other module handles a token. What a token answers for is a
 * {@link ReceiptTarget} (the notice and delivery a reminder's mail counts for are its
 * origin's).
 */
@Service
public class DeliveryLinks {

	private final DeliveryTokens tokens;

	private final DeliveryReports reports;

	DeliveryLinks(DeliveryTokens tokens, DeliveryReports reports) {
		this.tokens = tokens;
		this.reports = reports;
	}

	/**
	 * The delivery a confirmation token names, checked by its signature alone (no
	 * database): for the button's short path, which looks a whole group up at once.
	 */
	public Optional<DeliveryId> confirmationToken(String token) {
		return delivery(tokens.deliveryId(token));
	}

	/**
	 * What a delivery's confirmation is recorded on, if its mail went out (or is going);
	 * one statement, asked by every press after a disaster.
	 */
	@Transactional(readOnly = true)
	public Optional<ReceiptTarget> receiptTarget(DeliveryId delivery) {
		return reports.receiptTarget(delivery.value());
	}

	/** As {@link #receiptTarget(DeliveryId)} for many deliveries in one statement. */
	@Transactional(readOnly = true)
	public Map<DeliveryId, ReceiptTarget> receiptTargets(Collection<DeliveryId> deliveries) {
		Map<DeliveryId, ReceiptTarget> targets = new HashMap<>();
		reports.receiptTargets(deliveries.stream().map(DeliveryId::value).toList())
			.forEach((id, target) -> targets.put(DeliveryId.of(id), target));
		return targets;
	}

	/**
	 * What a confirmation link answers for, if its token is genuine and its mail went.
	 */
	@Transactional(readOnly = true)
	public Optional<ReceiptTarget> receiptTarget(String confirmationToken) {
		return confirmationToken(confirmationToken).flatMap(this::receiptTarget);
	}

	/** What an opening image answers for, if its token is genuine and its mail went. */
	@Transactional(readOnly = true)
	public Optional<ReceiptTarget> openTarget(String openToken) {
		return delivery(tokens.openedDeliveryId(openToken)).flatMap(this::receiptTarget);
	}

	/**
	 * What a link to a notice's file answers for, if its token is genuine and its mail
	 * went (issue 20).
	 */
	@Transactional(readOnly = true)
	public Optional<ReceiptTarget> fileTarget(String fileToken) {
		return delivery(tokens.fileDeliveryId(fileToken)).flatMap(this::receiptTarget);
	}

	/** The token of the links to the files of a delivery's notice, for its pages. */
	public String fileToken(DeliveryId delivery) {
		return tokens.fileToken(delivery.value());
	}

	/** Who a reply came from, by the token of its Reply-To address. */
	@Transactional(readOnly = true)
	public Optional<Delivered> replied(String replyToken) {
		return delivery(tokens.repliedDeliveryId(replyToken)).flatMap(id -> reports.delivered(id.value()));
	}

	private static Optional<DeliveryId> delivery(OptionalLong id) {
		return id.isPresent() ? Optional.of(DeliveryId.of(id.getAsLong())) : Optional.empty();
	}

}
