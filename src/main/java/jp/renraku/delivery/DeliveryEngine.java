package jp.renraku.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jp.renraku.common.NodeLeases;
import jp.renraku.common.Redacted;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.mail.MailInSettings;
import jp.renraku.mail.MailSettings;
import jp.renraku.mail.SmtpTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workers that turn the outbox into mail. Each worker claims a batch, looks its
 * recipients up, and hands it to a {@link BatchSend}, which writes one message per
 * recipient and sends them over the worker's own kept-open SMTP connection (pipelined as
 * one run when the relay offers it; carrier mail on the carrier's own session at its
 * pace); the outcomes go back in one batch. While a batch is sent its leases are renewed
 * ({@link BatchLeases}), so a batch slower than the lease stays with its worker. A
 * message counts as sent only once the relay accepted it; if a node dies, its leases run
 * out and another worker resumes the rows, so at most the batch in flight is sent again
 * (with the same Message-ID). What the bodies' sending rules allow is kept by
 * {@link SendingAllowance}, one send and its outcome by {@link DeliveryAttempts}. The
 * carriers' limits and the hourly limits hold for all nodes together (issue 18), through
 * {@link CarrierBudget}, the session leases and {@link HourlyAllowances}.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

	private final DeliveryQueue queue;

	private final ObjectProvider<RecipientDirectory> recipients;

	private final ObjectProvider<NoticeContents> contents;

	private final SmtpTarget target;

	private final DeliverySettings settings;

	private final Destinations destinations;

	private final Clock clock;

	private final SendingAllowance allowance;

	private final DeliveryAttempts attempts;

	private final ResidentSender residents;

	private final DeliveryLeases claims;

	/** Renews the leases of the batches this engine's workers are sending. */
	private final BatchLeases renewals;

	/** Runs a single mail's send outside the transaction whose commit it follows. */
	private final TransactionTemplate outsideTransaction;

	private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = lock.newCondition();

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean running;

	DeliveryEngine(DeliveryQueue queue, DeliveryReports reports, ObjectProvider<RecipientDirectory> recipients,
			ObjectProvider<NoticeContents> contents, ObjectProvider<SendingRules> rules, SmtpTarget target,
			DeliverySettings settings, MailSettings mail, MessageSource messages, Clock clock, DeliveryTokens tokens,
			RenrakuProperties links, MailInSettings bounces, ResidentMails residentMails, CarrierBudget budget,
			NodeLeases leases, HourlyAllowances hourly, PlatformTransactionManager transactions,
			DeliveryLeases claims) {
		this.queue = queue;
		this.claims = claims;
		this.recipients = recipients;
		this.contents = contents;
		this.target = target;
		this.settings = settings;
		this.destinations = new Destinations(settings.destinations(), budget, leases);
		this.clock = clock;
		this.allowance = new SendingAllowance(rules, reports, hourly, node, clock, settings.lease());
		this.outsideTransaction = new TransactionTemplate(transactions);
		this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.attempts = new DeliveryAttempts(settings, mail, messages, clock, tokens, links, bounces);
		this.renewals = new BatchLeases(settings.lease(), clock);
		this.residents = new ResidentSender(residentMails, destinations, attempts, target, settings, clock, renewals,
				claims.ofResidentMails());
	}

	/**
	 * Sends a notice's test to the writer's own address, now, by the route its
	 * destination takes (charset, carrier session); false if the relay refused it.
	 */
	boolean sendTest(long noticeId, NoticeContent content, Recipient tester, String note) {
		Destinations.Group group = destinations.of(tester.email());
		DeliverySettings.MailCharset charset = group == null ? DeliverySettings.MailCharset.UTF_8
				: group.settings.charset();
		try (SmtpConnection connection = new SmtpConnection(target, 1, settings.pipelining())) {
			return attempts.sendTest(noticeId, content, tester, note, connection, charset);
		}
	}

	/**
	 * Sends a single mail to a resident just queued, on the calling thread (after its
	 * writer's commit), if its carrier's pace allows; otherwise the workers do later. Its
	 * statements commit at once on connections of their own: in the committed transaction
	 * they would keep the carrier's pace and session rows locked for every node until the
	 * send is over.
	 */
	void sendResident(long id) {
		try {
			outsideTransaction.executeWithoutResult(status -> residents.sendNow(id, node + "/caller"));
		}
		catch (RuntimeException ex) {
			// the row stays queued; the next round of the workers sends it
			log.warn("A single mail could not be sent at once, it waits for the workers: {}", Redacted.of(ex));
		}
	}

	@Override
	public void start() {
		if (!settings.enabled() || running) {
			return;
		}
		running = true;
		for (int i = 0; i < settings.workers(); i++) {
			String name = "delivery-" + i;
			Thread worker = new Thread(() -> work(node + "/" + name), name);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
	}

	/** Wakes idle workers on this node at once, instead of at their next poll. */
	public void wake() {
		lock.lock();
		try {
			work.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void stop() {
		running = false;
		wake();
		for (Thread worker : workers) {
			try {
				worker.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		workers.clear();
		// a worker still sending after its time skips the rest; its rows go back to the
		// queue when their leases end
		renewals.stop();
		allowance.releaseAll();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void work(String worker) {
		try (SmtpConnection connection = new SmtpConnection(target, settings.messagesPerConnection(),
				settings.pipelining())) {
			while (running) {
				int sent;
				try {
					sent = runOnce(worker, connection);
				}
				catch (RuntimeException ex) {
					log.warn("Delivery worker {} failed a batch; its rows are resumed when the lease ends: {}", worker,
							Redacted.of(ex));
					sent = 0;
				}
				if (sent == 0) {
					idle();
				}
			}
		}
	}

	private void idle() {
		lock.lock();
		try {
			if (running) {
				work.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Sends everything that is due now on the calling thread, over one connection, and
	 * returns how many deliveries it handled. For tests and operators; the workers do the
	 * same in the background.
	 */
	public int sendDueNow() {
		int total = 0;
		try (SmtpConnection connection = new SmtpConnection(target, settings.messagesPerConnection(),
				settings.pipelining())) {
			int handled;
			while ((handled = runOnce(node + "/caller", connection)) > 0) {
				total += handled;
			}
		}
		return total;
	}

	/** Forgets the cached held bodies, so a change of the rules counts at once. */
	public void rulesChanged() {
		allowance.rulesChanged();
	}

	/** Claims, sends and records one batch; returns how many deliveries it handled. */
	int runOnce(String worker, SmtpConnection connection) {
		// single mails to residents first: a person is waiting for each
		int singles = residents.sendDue(worker, connection);
		Instant now = clock.instant();
		List<DeliveryQueue.Claimed> batch = queue.claim(worker, settings.batchSize(), now, settings.lease(),
				allowance.heldBodies(now));
		if (batch.isEmpty()) {
			return singles;
		}
		SendingAllowance.Spending spending = allowance.spending();
		BatchLeases.Held held = renewals.hold(claims, "delivery", worker,
				batch.stream().map(DeliveryQueue.Claimed::id).toList());
		try {
			Map<Long, Recipient> found = recipients.getObject()
				.find(batch.stream().map(DeliveryQueue.Claimed::registrantId).distinct().toList());
			List<DeliveryQueue.Outcome> outcomes = new BatchSend(settings, destinations, spending, attempts, clock,
					held, batch.size())
				.send(batch, found, id -> contents.getObject().content(NoticeId.of(id)), connection);
			// no renewal from here on: one racing with the outcomes would take the rows
			// just written for lost; the last one left at least two thirds of the lease
			held.close();
			queue.finish(worker, outcomes);
		}
		finally {
			held.close();
			// recorded, or lost with the batch: from now on its sent rows count, not the
			// hold
			spending.recorded();
		}
		return singles + batch.size();
	}

}
