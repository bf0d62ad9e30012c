package jp.renraku.notice;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jp.renraku.common.Sql;
import jp.renraku.delivery.DeliveryQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records confirmations and answers in groups: after a disaster thousands of residents
 * press the button at once, and one commit (one WAL flush) and one lookup per press are
 * what limit the rate. One writer thread takes every press waiting, looks the deliveries
 * of the group up in one statement, writes them in JDBC batches and one commit, and only
 * then answers each waiting request, so a confirmation is never reported before it is
 * durable. A press already recorded (or pressed twice in the same group) inserts no
 * second confirmation and is answered "already recorded"; answers sent again replace the
 * earlier ones (the last of a group wins). Being the only writer, it needs no locks
 * between a recipient's two quick presses.
 */
@Component
class ReceiptWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

	private static final int MAX_GROUP = 1000;

	/** What became of a press. */
	enum Outcome {

		/** The first confirmation of the delivery. */
		RECORDED,
		/** Confirmed before; answers, if any, replaced. */
		ALREADY,
		/** No delivery that went out, or its notice asks for nothing. */
		NOT_FOUND,
		/** The notice no longer takes confirmations. */
		CLOSED,
		/** The notice asks questions: a bare press records nothing. */
		NEEDS_ANSWERS,
		/** The answers sent do not pass the questions' rules: nothing recorded. */
		INVALID

	}

	/**
	 * The outcome of a press, the notice it was for (null when not found) and the answers
	 * read (null for a bare press).
	 */
	record Pressed(Outcome outcome, Notices.@Nullable ReceiptNotice notice, @Nullable AnswerSheet sheet) {
	}

	/**
	 * One press waiting for its group's commit. A press from the button alone carries the
	 * delivery of its token, which the group looks up ({@code deliveryId} and
	 * {@code noticeId} then set); {@code answers} is null for a confirmation without
	 * questions.
	 */
	private static final class Press {

		final long tokenDelivery;

		long deliveryId;

		long noticeId;

		Notices.@Nullable ReceiptNotice notice;

		Receipts.@Nullable Answer[] answers;

		/**
		 * The answer page's fields, for a press from the short path that carries them.
		 */
		final @Nullable Map<String, String[]> parameters;

		@Nullable AnswerSheet sheet;

		final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

		Press(long tokenDelivery, long deliveryId, long noticeId, Receipts.@Nullable Answer[] answers) {
			this(tokenDelivery, deliveryId, noticeId, answers, null);
		}

		Press(long tokenDelivery, long deliveryId, long noticeId, Receipts.@Nullable Answer[] answers,
				@Nullable Map<String, String[]> parameters) {
			this.parameters = parameters;
			this.tokenDelivery = tokenDelivery;
			this.deliveryId = deliveryId;
			this.noticeId = noticeId;
			this.answers = answers;
		}

		boolean resolved() {
			return deliveryId > 0;
		}

	}

	private final BlockingQueue<Press> waiting = new LinkedBlockingQueue<>();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final DeliveryQueue deliveries;

	private final ReleasedNotices notices;

	private final Clock clock;

	private volatile boolean running;

	private Thread writer;

	ReceiptWriter(JdbcTemplate jdbc, TransactionTemplate transactions, DeliveryQueue deliveries,
			ReleasedNotices notices, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.deliveries = deliveries;
		this.notices = notices;
		this.clock = clock;
	}

	/**
	 * The button pressed with the token of this delivery, nothing else known: the group
	 * looks it up, and records it if the notice takes a bare confirmation.
	 */
	Pressed press(long tokenDelivery) throws Exception {
		return press(tokenDelivery, null);
	}

	/**
	 * As {@link #press(long)}, with the answer page's fields: the group reads them
	 * against the notice's questions once it knows the notice, and records them if they
	 * pass.
	 */
	Pressed press(long tokenDelivery, @Nullable Map<String, String[]> parameters) throws Exception {
		Press press = new Press(tokenDelivery, 0, 0, null, parameters);
		Outcome outcome = record(press);
		return new Pressed(outcome, press.notice, press.sheet);
	}

	/**
	 * Records the confirmation of a delivery already looked up; true if it was the first.
	 */
	boolean confirm(long deliveryId, long noticeId) throws Exception {
		return record(new Press(deliveryId, deliveryId, noticeId, null)) == Outcome.RECORDED;
	}

	/**
	 * Records the confirmation with these answers in place of any sent before; true if it
	 * was the first confirmation of the delivery.
	 */
	boolean answer(long deliveryId, long noticeId, List<Receipts.Answer> answers) throws Exception {
		return record(new Press(deliveryId, deliveryId, noticeId,
				answers.toArray(Receipts.Answer[]::new))) == Outcome.RECORDED;
	}

	private Outcome record(Press press) throws Exception {
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
			log.warn("A group of {} confirmations failed; recording them one by one: {}", group.size(), ex.toString());
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
		int[] inserted = writing.isEmpty() ? new int[0] : jdbc.batchUpdate("""
				INSERT INTO delivery_receipt (delivery_id, notice_id, confirmed_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING
				""", writing, writing.size(), (PreparedStatement statement, Press press) -> {
			statement.setLong(1, press.deliveryId);
			statement.setLong(2, press.noticeId);
			statement.setObject(3, Sql.utc(now));
		})[0];
		Map<Long, Press> answering = new LinkedHashMap<>();
		for (Press press : writing) {
			if (press.answers != null) {
				// the last answers of a group win
				answering.put(press.deliveryId, press);
			}
		}
		if (!answering.isEmpty()) {
			List<Long> answered = List.copyOf(answering.keySet());
			jdbc.batchUpdate("UPDATE delivery_receipt SET answered_at = ? WHERE delivery_id = ?", answered,
					answered.size(), (statement, delivery) -> {
						statement.setObject(1, Sql.utc(now));
						statement.setLong(2, delivery);
					});
			jdbc.batchUpdate("DELETE FROM receipt_answer WHERE delivery_id = ?", answered, answered.size(),
					(statement, delivery) -> statement.setLong(1, delivery));
			List<Object[]> rows = new ArrayList<>();
			for (Press press : answering.values()) {
				for (Receipts.Answer answer : press.answers) {
					rows.add(new Object[] { press.deliveryId, press.noticeId, answer.position(), answer.answer() });
				}
			}
			if (!rows.isEmpty()) {
				jdbc.batchUpdate(
						"INSERT INTO receipt_answer (delivery_id, notice_id, position, answer) VALUES (?, ?, ?, ?)",
						rows);
			}
		}
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					for (int i = 0; i < writing.size(); i++) {
						writing.get(i).outcome.complete(inserted[i] > 0 ? Outcome.RECORDED : Outcome.ALREADY);
					}
				}
			});
	}

	/**
	 * Looks up the presses from the button alone, in one statement, and completes those
	 * that record nothing; returns the presses to write.
	 */
	private List<Press> resolve(List<Press> group) {
		List<Long> unknown = group.stream()
			.filter(press -> !press.resolved())
			.map(press -> press.tokenDelivery)
			.toList();
		Map<Long, DeliveryQueue.ReceiptTarget> targets = deliveries.receiptTargets(unknown);
		List<Press> writing = new ArrayList<>(group.size());
		for (Press press : group) {
			if (press.resolved()) {
				writing.add(press);
				continue;
			}
			DeliveryQueue.ReceiptTarget target = targets.get(press.tokenDelivery);
			Notices.ReceiptNotice notice = target == null ? null : notices.find(target.noticeId()).orElse(null);
			press.notice = notice;
			if (notice == null) {
				press.outcome.complete(Outcome.NOT_FOUND);
				continue;
			}
			if (!notices.open(notice)) {
				press.outcome.complete(Outcome.CLOSED);
				continue;
			}
			if (!notice.questions().isEmpty()) {
				if (press.parameters == null) {
					press.outcome.complete(Outcome.NEEDS_ANSWERS);
					continue;
				}
				AnswerSheet sheet = AnswerSheet.read(notice.questions(), press.parameters::get);
				if (!sheet.valid()) {
					press.outcome.complete(Outcome.INVALID);
					continue;
				}
				press.sheet = sheet;
				press.answers = sheet.answers().toArray(Receipts.Answer[]::new);
			}
			press.deliveryId = target.deliveryId();
			press.noticeId = target.noticeId();
			writing.add(press);
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
