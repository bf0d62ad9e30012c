package jp.renraku.confirmation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jp.renraku.common.Redacted;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.delivery.DeliveryLinks;
import jp.renraku.delivery.ReceiptTarget;
import jp.renraku.registration.RegistrationManagement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records confirmations and answers in groups: after a disaster thousands of residents
 * press the button at once, and one commit (one WAL flush) and one lookup per press are
 * what limit the rate. One writer thread takes every press waiting, looks the deliveries
 * of the group up in one statement (and in one more whether their recipients still exist:
 * someone who stopped or was erased records nothing), writes them in JDBC batches and one
 * commit, and only then answers each waiting request, so a confirmation is never reported
 * before it is durable. A press already recorded (or pressed twice in the same group)
 * inserts no second confirmation and is answered "already recorded"; answers sent again
 * replace the earlier ones (the last of a group wins). Being the only writer, it needs no
 * locks between a recipient's two quick presses.
 */
@Component
class ReceiptWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

	private static final int MAX_GROUP = 1000;

	/** What a press from the button's short path came to, with its decision. */
	record Pressed(PressOutcome outcome, PressDecision decision) {
	}

	/**
	 * One press waiting for its group's commit. A press from the button alone carries
	 * only the delivery of its token (and the answer page's fields, if any), which the
	 * group looks up and decides; a press from the page comes decided.
	 */
	private static final class Press {

		final DeliveryId tokenDelivery;

		final @Nullable Map<String, String[]> parameters;

		@Nullable PressDecision decision;

		final CompletableFuture<PressOutcome> outcome = new CompletableFuture<>();

		Press(DeliveryId tokenDelivery, @Nullable Map<String, String[]> parameters, @Nullable PressDecision decision) {
			this.tokenDelivery = tokenDelivery;
			this.parameters = parameters;
			this.decision = decision;
		}

		ReceiptTarget target() {
			return decision.target();
		}

		Receipts.Confirmation confirmation() {
			ReceiptTarget target = target();
			return new Receipts.Confirmation(target.delivery().value(), target.notice().value(),
					decision.sheet() == null ? null : decision.sheet().answers());
		}

	}

	private final BlockingQueue<Press> waiting = new LinkedBlockingQueue<>();

	private final Receipts receipts;

	private final TransactionTemplate transactions;

	private final DeliveryLinks deliveries;

	private final ReleasedNotices notices;

	private final RegistrationManagement registration;

	private final Clock clock;

	private final ConfirmationMeters meters;

	private volatile boolean running;

	private Thread writer;

	ReceiptWriter(Receipts receipts, TransactionTemplate transactions, DeliveryLinks deliveries,
			ReleasedNotices notices, RegistrationManagement registration, Clock clock, ConfirmationMeters meters) {
		this.meters = meters;
		this.receipts = receipts;
		this.transactions = transactions;
		this.deliveries = deliveries;
		this.notices = notices;
		this.registration = registration;
		this.clock = clock;
	}

	/**
	 * The button pressed (or the answer page sent, with its fields) with the token of
	 * this delivery, nothing else known: the group looks the delivery up, decides
	 * ({@link PressDecision}) and records what may be recorded.
	 */
	Pressed press(DeliveryId tokenDelivery, @Nullable Map<String, String[]> parameters) throws Exception {
		Press press = new Press(tokenDelivery, parameters, null);
		PressOutcome outcome = record(press);
		return new Pressed(outcome, press.decision);
	}

	/**
	 * Records a press the page has decided ({@link PressOutcome#TO_RECORD}): the
	 * confirmation and the answers in place of any sent before; RECORDED when it was the
	 * delivery's first confirmation.
	 */
	PressOutcome record(PressDecision decision) throws Exception {
		if (decision.outcome() != PressOutcome.TO_RECORD) {
			return decision.outcome();
		}
		return record(new Press(decision.target().delivery(), null, decision));
	}

	private PressOutcome record(Press press) throws Exception {
		if (!running) {
			writeAlone(press, clock.instant());
		}
		else {
			waiting.add(press);
			if (!running && waiting.remove(press)) {
				// the writer stopped between the check and the queue: nobody else will
				writeAlone(press, clock.instant());
			}
		}
		return press.outcome.get(30, TimeUnit.SECONDS);
	}

	private void work() {
		List<Press> group = new ArrayList<>();
		while (running || !waiting.isEmpty()) {
			try {
				Press head = waiting.poll(200, TimeUnit.MILLISECONDS);
				if (head == null) {
					continue;
				}
				group.add(head);
				waiting.drainTo(group, MAX_GROUP - 1);
				write(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | Error ex) {
				// the writer must outlive any one group: fail the group's presses, go on
				log.error("Confirmation writer: a group failed unexpectedly", ex);
				group.forEach(press -> press.outcome.completeExceptionally(ex));
			}
			finally {
				group.clear();
			}
		}
	}

	private void write(List<Press> group) {
		Instant now = clock.instant();
		try {
			transactions.executeWithoutResult(status -> insert(group, now));
		}
		catch (RuntimeException ex) {
			log.warn("A group of {} confirmations failed; recording them one by one: {}", group.size(),
					Redacted.of(ex));
			group.forEach(press -> writeAlone(press, now));
		}
	}

	private void writeAlone(Press press, Instant now) {
		try {
			transactions.executeWithoutResult(status -> insert(List.of(press), now));
		}
		catch (RuntimeException ex) {
			press.outcome.completeExceptionally(ex);
		}
	}

	/**
	 * One group's statements: the lookup of the presses from the button alone, the
	 * confirmations, then for the presses that carry answers the answered time and the
	 * answers in place of the earlier ones. Completes each press once the caller commits;
	 * a press decided before writing (not found, closed) completes with that.
	 */
	private void insert(List<Press> group, Instant now) {
		List<Press> writing = resolve(group);
		boolean[] first = writing.isEmpty() ? new boolean[0]
				: receipts.write(writing.stream().map(Press::confirmation).toList(), now);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				int recorded = 0;
				for (int i = 0; i < writing.size(); i++) {
					recorded += first[i] ? 1 : 0;
					writing.get(i).outcome.complete(first[i] ? PressOutcome.RECORDED : PressOutcome.ALREADY);
				}
				meters.written(recorded, writing.size() - recorded);
			}
		});
	}

	/**
	 * Looks up the presses from the button alone, in one statement and one more for their
	 * recipients, decides each, and completes those that record nothing; returns the
	 * presses to write.
	 */
	private List<Press> resolve(List<Press> group) {
		List<DeliveryId> unknown = group.stream()
			.filter(press -> press.decision == null)
			.map(press -> press.tokenDelivery)
			.toList();
		Map<DeliveryId, ReceiptTarget> targets = unknown.isEmpty() ? Map.of() : deliveries.receiptTargets(unknown);
		Set<Long> registered = targets.isEmpty() ? Set.of()
				: registration.stillRegistered(targets.values().stream().map(ReceiptTarget::registrantId).toList());
		List<Press> writing = new ArrayList<>(group.size());
		for (Press press : group) {
			if (press.decision == null) {
				ReceiptTarget target = targets.get(press.tokenDelivery);
				press.decision = target == null ? PressDecision.of(null, null, false, false, null)
						: notices.decide(target, registered.contains(target.registrantId()),
								press.parameters == null ? null : press.parameters::get);
			}
			if (press.decision.outcome() == PressOutcome.TO_RECORD) {
				writing.add(press);
			}
			else {
				press.outcome.complete(press.decision.outcome());
			}
		}
		return writing;
	}

	@Override
	public void start() {
		running = true;
		writer = new Thread(this::work, "receipt-writer");
		writer.setDaemon(true);
		writer.start();
	}

	@Override
	public void stop() {
		running = false;
		if (writer != null) {
			try {
				writer.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
