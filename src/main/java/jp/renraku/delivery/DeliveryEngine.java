package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.EmailAddresses;
import jp.renraku.mail.MailSettings;
import jp.renraku.mail.SmtpTarget;
import jp.renraku.mail.MailInSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The workers that turn the outbox into mail. Each worker claims a batch, looks its
 * recipients up, renders one message per recipient, sends them over its own kept-open
 * SMTP connection and writes the outcomes back in one batch. A message counts as sent
 * only once the relay accepted it; if a node dies, its leases run out and another worker
 * resumes the rows, so at most the batch in flight is sent again (with the same
 * Message-ID).
 */
@Component
class DeliveryEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

	private final DeliveryQueue queue;

	private final ObjectProvider<RecipientDirectory> recipients;

	private final ObjectProvider<NoticeContents> contents;

	private final ObjectProvider<SendingRules> rules;

	private final SmtpTarget target;

	private final DeliverySettings settings;

	private final MessageRenderer renderer;

	private final Destinations destinations;

	private final Clock clock;

	private final MailInSettings bounces;

	private final DeliveryTokens tokens;

	private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = lock.newCondition();

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean running;

	DeliveryEngine(DeliveryQueue queue, ObjectProvider<RecipientDirectory> recipients,
			ObjectProvider<NoticeContents> contents, ObjectProvider<SendingRules> rules, SmtpTarget target,
			DeliverySettings settings, MailSettings mail, MessageSource messages, Clock clock, DeliveryTokens tokens,
			jp.renraku.common.RenrakuProperties links, MailInSettings bounces) {
		this.bounces = bounces;
		this.tokens = tokens;
		this.queue = queue;
		this.recipients = recipients;
		this.contents = contents;
		this.rules = rules;
		this.target = target;
		this.settings = settings;
		// with a mail-in domain, replies come back to Renraku naming their delivery: a
		// 「停止」 is answered, the rest kept on the notice for its sender, never forwarded
		this.renderer = new MessageRenderer(mail.from(), messages, id -> links.baseUrl() + "/c/" + tokens.token(id),
				id -> links.baseUrl() + "/o/" + tokens.openToken(id),
				id -> bounces.verp() ? "reply+" + tokens.replyToken(id) + "@" + bounces.domain() : "");
		this.destinations = new Destinations(settings.destinations());
		this.clock = clock;
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
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void work(String worker) {
		try (SmtpConnection connection = new SmtpConnection(target, settings.messagesPerConnection())) {
			while (running) {
				int sent;
				try {
					sent = runOnce(worker, connection);
				}
				catch (RuntimeException ex) {
					log.warn("Delivery worker {} failed a batch; its rows are resumed when the lease ends: {}", worker,
							ex.toString());
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
		try (SmtpConnection connection = new SmtpConnection(target, settings.messagesPerConnection())) {
			int handled;
			while ((handled = runOnce(node + "/caller", connection)) > 0) {
				total += handled;
			}
		}
		return total;
	}

	private volatile java.util.Set<Long> held = java.util.Set.of();

	private volatile Instant heldCheckedAt = Instant.EPOCH;

	/**
	 * What each body with an hourly limit may still send, shared by this node's workers
	 * between two looks at the database.
	 */
	private volatile Map<Long, java.util.concurrent.atomic.AtomicLong> allowance = Map.of();

	/**
	 * Bodies whose mail waits now: paused or suspended by the system administrator, or
	 * over their hourly limit (Art. 3-2-3). Looked up at most every five seconds; in
	 * between, the workers of this node count against the remaining allowance.
	 */
	java.util.Set<Long> heldBodies(Instant now) {
		if (Duration.between(heldCheckedAt, now).compareTo(Duration.ofSeconds(5)) < 0) {
			return held;
		}
		SendingRules provider = rules.getIfAvailable();
		java.util.Set<Long> blocked = new java.util.HashSet<>();
		Map<Long, java.util.concurrent.atomic.AtomicLong> left = new HashMap<>();
		if (provider != null) {
			Map<Long, SendingRules.Rule> byBody = provider.rules();
			Map<Long, Long> sent = byBody.values().stream().anyMatch(r -> r.hourlyLimit() != null)
					? queue.sentSince(now.minus(Duration.ofHours(1))) : Map.of();
			byBody.forEach((body, rule) -> {
				long remaining = rule.hourlyLimit() == null ? Long.MAX_VALUE
						: rule.hourlyLimit() - sent.getOrDefault(body, 0L);
				if (!rule.maySend() || remaining <= 0) {
					blocked.add(body);
				}
				else if (rule.hourlyLimit() != null) {
					left.put(body, new java.util.concurrent.atomic.AtomicLong(remaining));
				}
			});
		}
		held = java.util.Set.copyOf(blocked);
		allowance = Map.copyOf(left);
		heldCheckedAt = now;
		return held;
	}

	/**
	 * Takes one message from the body's hourly allowance; false (and the body held until
	 * the next look) when none is left.
	 */
	private boolean withinLimit(long body) {
		java.util.concurrent.atomic.AtomicLong left = allowance.get(body);
		if (left == null || left.decrementAndGet() >= 0) {
			return true;
		}
		java.util.Set<Long> more = new java.util.HashSet<>(held);
		more.add(body);
		held = java.util.Set.copyOf(more);
		return false;
	}

	/** Forgets the cached held bodies, so a change of the rules counts at once. */
	public void rulesChanged() {
		heldCheckedAt = Instant.EPOCH;
	}

	/** Claims, sends and records one batch; returns how many deliveries it handled. */
	int runOnce(String worker, SmtpConnection connection) {
		Instant now = clock.instant();
		List<DeliveryQueue.Claimed> batch = queue.claim(worker, settings.batchSize(), now, settings.lease(),
				heldBodies(now));
		if (batch.isEmpty()) {
			return 0;
		}
		Map<Long, Recipient> found = recipients.getObject()
			.find(batch.stream().map(DeliveryQueue.Claimed::registrantId).distinct().toList());
		Map<Long, Optional<NoticeContent>> notices = new HashMap<>();
		List<DeliveryQueue.Outcome> outcomes = new ArrayList<>(batch.size());
		Map<Destinations.Group, SmtpConnection> sessions = new HashMap<>();
		Map<Destinations.Group, Integer> deferred = new HashMap<>();
		boolean relayDown = false;
		try {
			for (DeliveryQueue.Claimed claimed : batch) {
				if (relayDown) {
					// the relay did not answer: the rest of the batch waits for the next
					// round
					outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.RETRYING, claimed.attempts(),
							now.plus(settings.retryBase()), "relay unreachable", null));
					continue;
				}
				if (!withinLimit(claimed.bodyId())) {
					// over the body's hourly limit: back in the queue, not counted as an
					// attempt
					outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.QUEUED, claimed.attempts(), now,
							null, null));
					continue;
				}
				Recipient recipient = found.get(claimed.registrantId());
				Optional<NoticeContent> content = notices.computeIfAbsent(claimed.noticeId(),
						id -> contents.getObject().content(NoticeId.of(id)));
				if (recipient == null || content.isEmpty()) {
					outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.SKIPPED, claimed.attempts(),
							now, null, null));
					continue;
				}
				Destinations.Group group = destinations.of(recipient.email());
				SmtpConnection via = connection;
				DeliverySettings.MailCharset charset = DeliverySettings.MailCharset.UTF_8;
				if (group != null) {
					charset = group.settings.charset();
					via = sessions.get(group);
					Duration wait = Duration.ZERO;
					if (via == null && !group.openSession()) {
						// every session this node may hold for these domains is in use
						wait = settings.pollInterval();
					}
					else {
						if (via == null) {
							via = new SmtpConnection(connection.target(),
									group.messagesPerSession(settings.messagesPerConnection()));
							sessions.put(group, via);
						}
						wait = group.pace(clock.instant());
					}
					if (!wait.isZero()) {
						int earlier = deferred.merge(group, 1, Integer::sum) - 1;
						outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.DEFERRED,
								claimed.attempts(),
								clock.instant().plus(wait).plus(group.interval().multipliedBy(earlier)), null, null));
						continue;
					}
				}
				Attempt attempt = send(claimed, content.get(), recipient, via, charset);
				relayDown = attempt.relayUnreachable();
				outcomes.add(attempt.outcome());
			}
		}
		finally {
			sessions.forEach((group, session) -> {
				session.close();
				group.closeSession();
			});
		}
		queue.finish(outcomes);
		return batch.size();
	}

	/** The outcome of one send, and whether the relay could not be reached at all. */
	private record Attempt(DeliveryQueue.Outcome outcome, boolean relayUnreachable) {
	}

	private Attempt send(DeliveryQueue.Claimed claimed, NoticeContent content, Recipient recipient,
			SmtpConnection connection, DeliverySettings.MailCharset charset) {
		int attempt = claimed.attempts() + 1;
		Instant now = clock.instant();
		SmtpConnection.Result result;
		try {
			MessageRenderer.RenderedMessage message = renderer.render(connection.session(), claimed.id(),
					claimed.noticeId(), content, recipient, connection.eightBitMime(), charset);
			if (bounces.verp()) {
				// bounces come back to an address that names this delivery
				message.setEnvelopeFrom("bounce+" + tokens.bounceToken(claimed.id()) + "@" + bounces.domain());
			}
			InternetAddress to = new InternetAddress();
			to.setAddress(EmailAddresses.toAscii(recipient.email()));
			result = connection.send(message, to);
		}
		catch (MessagingException ex) {
			return new Attempt(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.FAILED, attempt, now,
					"message could not be built: " + ex.getMessage(), null), false);
		}
		boolean unreachable = !result.accepted() && result.code() == 0;
		if (result.accepted()) {
			return new Attempt(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.SENT, attempt, now, null, now),
					false);
		}
		if (result.permanent() || attempt >= settings.maxAttempts()) {
			return new Attempt(
					new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.FAILED, attempt, now, result.reply(), null),
					unreachable);
		}
		Duration wait = settings.retryBase().multipliedBy(1L << Math.min(attempt - 1, 10));
		return new Attempt(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.RETRYING, attempt, now.plus(wait),
				result.reply(), null), unreachable);
	}

}
