package jp.renraku.notice;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jp.renraku.common.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records confirmations in groups: after a disaster thousands of residents press the
 * button at once, and one commit (one WAL flush) per press is what limits the rate. One
 * writer thread takes every press waiting, inserts them in one JDBC batch and one commit,
 * and only then answers each waiting request, so a confirmation is never reported before
 * it is durable. A press already recorded (or pressed twice in the same group) inserts
 * nothing and is answered "already recorded".
 */
@Component
class ReceiptWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

	private static final int MAX_GROUP = 1000;

	/**
	 * One press waiting for its group's commit; completes with whether it was the first.
	 */
	private record Press(long deliveryId, long noticeId, CompletableFuture<Boolean> first) {
	}

	private final BlockingQueue<Press> waiting = new LinkedBlockingQueue<>();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Receipts receipts;

	private final Clock clock;

	private volatile boolean running;

	private Thread writer;

	ReceiptWriter(JdbcTemplate jdbc, TransactionTemplate transactions, Receipts receipts, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.receipts = receipts;
		this.clock = clock;
	}

	/**
	 * Records the press and returns once it is committed: true if it was the first for
	 * the delivery. Falls back to a single insert if the writer is not running.
	 */
	boolean confirm(long deliveryId, long noticeId) throws Exception {
		if (!running) {
			return receipts.confirm(deliveryId, noticeId, clock.instant());
		}
		Press press = new Press(deliveryId, noticeId, new CompletableFuture<>());
		waiting.add(press);
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
			int[] inserted = transactions.execute(status -> jdbc.batchUpdate("""
					INSERT INTO delivery_receipt (delivery_id, notice_id, confirmed_at) VALUES (?, ?, ?)
					ON CONFLICT DO NOTHING
					""", group, group.size(), (PreparedStatement statement, Press press) -> {
				statement.setLong(1, press.deliveryId());
				statement.setLong(2, press.noticeId());
				statement.setObject(3, Sql.utc(now));
			})[0]);
			for (int i = 0; i < group.size(); i++) {
				group.get(i).first().complete(inserted[i] > 0);
			}
		}
		catch (RuntimeException ex) {
			log.warn("A group of {} confirmations failed; recording them one by one: {}", group.size(), ex.toString());
			for (Press press : group) {
				try {
					press.first().complete(receipts.confirm(press.deliveryId(), press.noticeId(), now));
				}
				catch (RuntimeException single) {
					press.first().completeExceptionally(single);
				}
			}
		}
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
