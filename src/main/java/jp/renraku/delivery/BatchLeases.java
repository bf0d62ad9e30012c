package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jp.renraku.common.Redacted;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the batches an engine's workers are sending. A claim holds for one
 * lease; a batch through a slow relay, or carrier mail at its pace, can take longer, and
 * without renewal another worker would take it over while it is still being sent and its
 * recipients would get the mail twice. So while a batch is held, one daemon thread of the
 * engine renews its rows every third of the lease, one statement per batch by id (no
 * statement per message). A worker stuck beyond {@link #MOST} leases is no longer
 * renewed: its rows go back to the queue when its lease ends. The thread runs while
 * anything is held (the engine's workers, or a caller's {@code sendDueNow}) and ends when
 * nothing is.
 */
final class BatchLeases {

	private static final Logger log = LoggerFactory.getLogger(BatchLeases.class);

	/** A batch held longer than this many leases is given up. */
	static final int MOST = 10;

	/** The rows of one outbox table, as their leases are renewed. */
	interface Rows {

		/**
		 * renew-leases: sets the lease of those of the rows that are still the worker's
		 * and being sent; returns how many.
		 */
		int renew(List<Long> ids, String worker, Instant until);

		/** Those of the rows that are still the worker's and being sent. */
		Set<Long> ours(List<Long> ids, String worker);

	}

	/**
	 * One claimed batch while its worker sends it. The worker asks {@link #ours} before
	 * each message (two volatile reads while nothing was lost) and skips a row another
	 * worker took over: that one is sending it.
	 */
	final class Held implements AutoCloseable {

		private final Rows rows;

		private final String table;

		private final String worker;

		private final List<Long> ids;

		private final long since = System.nanoTime();

		/**
		 * Rows whose outcome the worker is writing or wrote on its own (single mails).
		 */
		private final Set<Long> done = ConcurrentHashMap.newKeySet();

		private volatile Set<Long> lost = Set.of();

		private volatile boolean givenUp;

		private volatile boolean closed;

		private Held(Rows rows, String table, String worker, List<Long> ids) {
			this.rows = rows;
			this.table = table;
			this.worker = worker;
			this.ids = ids;
		}

		/** Whether the row is still this worker's to send. */
		boolean ours(long id) {
			if (givenUp) {
				return false;
			}
			Set<Long> gone = lost;
			return gone.isEmpty() || !gone.contains(id);
		}

		/** Whether some rows are no longer this worker's. */
		boolean anyLost() {
			return givenUp || !lost.isEmpty();
		}

		/**
		 * The row's outcome is being written now: it is not renewed any more, and its
		 * being gone is no loss.
		 */
		void done(long id) {
			done.add(id);
		}

		/** The outcomes are being written (or the batch is lost): no more renewals. */
		@Override
		public void close() {
			if (!closed) {
				closed = true;
				held.remove(this);
			}
		}

		private List<Long> pending() {
			Set<Long> gone = lost;
			List<Long> pending = new ArrayList<>(ids.size());
			for (Long id : ids) {
				if (!gone.contains(id) && !done.contains(id)) {
					pending.add(id);
				}
			}
			return pending;
		}

		private void renew(Duration lease) {
			long heldFor = System.nanoTime() - since;
			if (heldFor > lease.toNanos() * MOST) {
				giveUp();
				log.warn(
						"Delivery worker {} has held a batch of {} {} rows for {} s; it is no longer renewed "
								+ "and goes back to the queue when its lease ends",
						worker, ids.size(), table, Duration.ofNanos(heldFor).toSeconds());
				return;
			}
			List<Long> pending = pending();
			if (pending.isEmpty()) {
				return;
			}
			if (rows.renew(pending, worker, clock.instant().plus(lease)) == pending.size() || closed) {
				return;
			}
			Set<Long> gone = new HashSet<>(pending);
			gone.removeAll(rows.ours(pending, worker));
			gone.removeAll(done);
			if (gone.isEmpty() || closed) {
				return;
			}
			Set<Long> all = new HashSet<>(lost);
			all.addAll(gone);
			lost = Set.copyOf(all);
			log.warn(
					"Delivery worker {} lost {} of its {} rows to another worker, which sends them; "
							+ "this one skips them: ids {}",
					worker, gone.size(), table, gone.stream().sorted().toList());
		}

		private void giveUp() {
			givenUp = true;
			close();
		}

	}

	private final Duration lease;

	private final Clock clock;

	private final Set<Held> held = ConcurrentHashMap.newKeySet();

	/** The thread renewing now; null while nothing is held. Guarded by this. */
	private @Nullable Thread renewer;

	BatchLeases(Duration lease, Clock clock) {
		this.lease = lease;
		this.clock = clock;
	}

	/**
	 * Holds a batch just claimed until it is closed; its leases are renewed from now on.
	 */
	Held hold(Rows rows, String table, String worker, Collection<Long> ids) {
		Held batch = new Held(rows, table, worker, List.copyOf(ids));
		held.add(batch);
		synchronized (this) {
			if (renewer == null) {
				Thread thread = new Thread(this::renewWhileHeld, "delivery-leases");
				thread.setDaemon(true);
				renewer = thread;
				thread.start();
			}
		}
		return batch;
	}

	/**
	 * Gives up every batch (the engine stops, its workers had their time to finish): a
	 * worker still sending skips the rest, and the rows go back to the queue when their
	 * leases end.
	 */
	void stop() {
		Thread thread;
		synchronized (this) {
			thread = renewer;
			renewer = null;
			notifyAll();
		}
		List.copyOf(held).forEach(Held::giveUp);
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void renewWhileHeld() {
		Thread self = Thread.currentThread();
		long interval = Math.max(1, lease.toMillis() / 3);
		while (true) {
			synchronized (this) {
				long until = System.currentTimeMillis() + interval;
				try {
					for (long wait = interval; renewer == self && wait > 0; wait = until - System.currentTimeMillis()) {
						wait(wait);
					}
				}
				catch (InterruptedException ex) {
					self.interrupt();
					renewer = null;
				}
				if (renewer != self) {
					return;
				}
				if (held.isEmpty()) {
					renewer = null;
					return;
				}
			}
			for (Held batch : List.copyOf(held)) {
				try {
					batch.renew(lease);
				}
				catch (RuntimeException ex) {
					// the next round tries again; the rows are ours until someone else
					// claims them
					log.warn("Delivery worker {} could not renew its lease: {}", batch.worker, Redacted.of(ex));
				}
			}
		}
	}

}
