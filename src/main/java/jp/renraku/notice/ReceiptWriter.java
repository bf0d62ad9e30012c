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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records confirmations and answers in groups: after a disaster thousands of residents
 * press the button at once, and one commit (one WAL flush) per press is what limits the
 * rate. One writer thread takes every press waiting, writes them in JDBC batches and one
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

	/**
	 * One press waiting for its group's commit; completes with whether it was the first.
	 * {@code answers} is null for a confirmation without questions.
	 */
	private record Press(long deliveryId, long noticeId, Receipts.@Nullable Answer[] answers,
			CompletableFuture<Boolean> first) {
	}

	private final BlockingQueue<Press> waiting = new LinkedBlockingQueue<>();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile boolean running;

	private Thread writer;

	ReceiptWriter(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Records the press and returns once it is committed: true if it was the first for
	 * the delivery. Falls back to a single insert if the writer is not running.
	 */
	boolean confirm(long deliveryId, long noticeId) throws Exception {
		return record(new Press(deliveryId, noticeId, null, new CompletableFuture<>()));
	}

	/**
	 * Records the confirmation with these answers in place of any sent before; true if it
	 * was the first confirmation of the delivery.
	 */
	boolean answer(long deliveryId, long noticeId, List<Receipts.Answer> answers) throws Exception {
		return record(
				new Press(deliveryId, noticeId, answers.toArray(Receipts.Answer[]::new), new CompletableFuture<>()));
	}

	private boolean record(Press press) throws Exception {
		if (!running) {
			writeAlone(press, clock.instant());
		}
		else {
			waiting.add(press);
		}
		return press.first().get(30, TimeUnit.SECONDS);
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
			finally {
				group.clear();
			}
		}
	}

	private void write(List<Press> group) {
		Instant now = clock.instant();
		try {
			int[] inserted = transactions.execute(status -> insert(group, now));
			for (int i = 0; i < group.size(); i++) {
				group.get(i).first().complete(inserted[i] > 0);
			}
		}
		catch (RuntimeException ex) {
			log.warn("A group of {} confirmations failed; recording them one by one: {}", group.size(), ex.toString());
			group.forEach(press -> writeAlone(press, now));
		}
	}

	private void writeAlone(Press press, Instant now) {
		try {
			press.first().complete(transactions.execute(status -> insert(List.of(press), now))[0] > 0);
		}
		catch (RuntimeException ex) {
			press.first().completeExceptionally(ex);
		}
	}

	/**
	 * One group's statements: the confirmations, then for the presses that carry answers
	 * the answered time and the answers in place of the earlier ones. Returns per press
	 * whether its confirmation was new.
	 */
	private int[] insert(List<Press> group, Instant now) {
		int[] inserted = jdbc.batchUpdate("""
				INSERT INTO delivery_receipt (delivery_id, notice_id, confirmed_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING
				""", group, group.size(), (PreparedStatement statement, Press press) -> {
			statement.setLong(1, press.deliveryId());
			statement.setLong(2, press.noticeId());
			statement.setObject(3, Sql.utc(now));
		})[0];
		Map<Long, Press> answering = new LinkedHashMap<>();
		for (Press press : group) {
			if (press.answers() != null) {
				// the last answers of a group win
				answering.put(press.deliveryId(), press);
			}
		}
		if (!answering.isEmpty()) {
			List<Long> deliveries = List.copyOf(answering.keySet());
			jdbc.batchUpdate("UPDATE delivery_receipt SET answered_at = ? WHERE delivery_id = ?", deliveries,
					deliveries.size(), (statement, delivery) -> {
						statement.setObject(1, Sql.utc(now));
						statement.setLong(2, delivery);
					});
			jdbc.batchUpdate("DELETE FROM receipt_answer WHERE delivery_id = ?", deliveries, deliveries.size(),
					(statement, delivery) -> statement.setLong(1, delivery));
			List<Object[]> rows = new ArrayList<>();
			for (Press press : answering.values()) {
				for (Receipts.Answer answer : press.answers()) {
					rows.add(new Object[] { press.deliveryId(), press.noticeId(), answer.position(), answer.answer() });
				}
			}
			if (!rows.isEmpty()) {
				jdbc.batchUpdate(
						"INSERT INTO receipt_answer (delivery_id, notice_id, position, answer) VALUES (?, ?, ?, ?)",
						rows);
			}
		}
		return inserted;
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
