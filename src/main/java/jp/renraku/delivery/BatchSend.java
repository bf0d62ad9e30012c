package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import jakarta.mail.MessagingException;

/**
 * One claimed batch on its way to the relay. Each delivery is skipped (its registrant or
 * notice is gone), put back (its body is over the hourly limit), deferred (its carrier's
 * sessions or pace are full) or sent. Deliveries to a carrier go one by one on that
 * carrier's own session, at its pace; the rest are written out first and then sent in one
 * pipelined run on the worker's connection, each outcome taken as the relay gives it.
 * When the relay does not answer, what is left waits for the next round. A delivery
 * another worker took over (this batch's lease was not renewed in time) is that worker's:
 * it is neither sent nor recorded here.
 */
final class BatchSend {

	private final DeliverySettings settings;

	private final Destinations destinations;

	private final SendingAllowance.Spending allowance;

	private final DeliveryAttempts attempts;

	private final Clock clock;

	private final BatchLeases.Held lease;

	private final List<DeliveryQueue.Outcome> outcomes;

	private final List<DeliveryQueue.Claimed> bulk = new ArrayList<>();

	private final List<Outgoing> bulkMessages = new ArrayList<>();

	private final Map<Destinations.Group, SmtpConnection> sessions = new HashMap<>();

	private final Map<Destinations.Group, Integer> deferred = new HashMap<>();

	private boolean relayDown;

	/** The bytes of the bulk messages written and not yet sent. */
	private long bulkBytes;

	/** At most this much of bulk messages is held before they are sent. */
	private static final long BULK_BYTES = 32L * 1024 * 1024;

	BatchSend(DeliverySettings settings, Destinations destinations, SendingAllowance.Spending allowance,
			DeliveryAttempts attempts, Clock clock, BatchLeases.Held lease, int size) {
		this.settings = settings;
		this.destinations = destinations;
		this.allowance = allowance;
		this.attempts = attempts;
		this.clock = clock;
		this.lease = lease;
		this.outcomes = new ArrayList<>(size);
	}

	/**
	 * Sends the batch and returns every delivery's outcome.
	 * @param recipients the batch's recipients by registrant
	 * @param contents each notice's content, empty once it is gone
	 */
	List<DeliveryQueue.Outcome> send(List<DeliveryQueue.Claimed> batch, Map<Long, Recipient> recipients,
			LongFunction<Optional<NoticeContent>> contents, SmtpConnection connection) {
		Instant now = clock.instant();
		Map<Long, Optional<NoticeContent>> notices = new HashMap<>();
		try {
			for (DeliveryQueue.Claimed claimed : batch) {
				if (!lease.ours(claimed.id())) {
					continue;
				}
				Recipient recipient = recipients.get(claimed.registrantId());
				Optional<NoticeContent> content = notices.computeIfAbsent(claimed.noticeId(), contents::apply);
				if (relayDown) {
					outcomes.add(unreachable(claimed, now));
				}
				else if (!allowance.withinLimit(claimed.bodyId())) {
					// over the body's hourly limit: back in the queue, not counted as an
					// attempt
					outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.QUEUED, claimed.attempts(), now,
							null, null));
				}
				else if (recipient == null || content.isEmpty()) {
					outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.SKIPPED, claimed.attempts(),
							now, null, null));
				}
				else {
					route(claimed, content.get(), recipient, connection);
				}
			}
			// the carriers' sessions (and their slots, which other nodes may be waiting
			// for) are not held while the rest is sent
			closeSessions();
			sendBulk(connection, now);
		}
		finally {
			closeSessions();
		}
		return outcomes;
	}

	private void closeSessions() {
		sessions.forEach((group, session) -> {
			session.close();
			group.closeSession();
		});
		sessions.clear();
	}

	private void route(DeliveryQueue.Claimed claimed, NoticeContent content, Recipient recipient,
			SmtpConnection connection) {
		Destinations.Group group = destinations.of(recipient.email());
		if (group == null) {
			try {
				Outgoing message = attempts.message(claimed, content, recipient, connection,
						DeliverySettings.MailCharset.UTF_8, true);
				bulkMessages.add(message);
				bulk.add(claimed);
				bulkBytes += message.message().content().length;
				if (bulkBytes > BULK_BYTES) {
					// messages with files attached: sent in runs of at most this many
					// bytes,
					// not held all at once
					sendBulk(connection, clock.instant());
				}
			}
			catch (MessagingException ex) {
				outcomes.add(attempts.unbuildable(claimed, ex));
			}
			return;
		}
		SmtpConnection via = sessions.get(group);
		Duration wait;
		if (via == null && !group.openSession()) {
			// every session this node may hold for these domains is in use
			wait = settings.pollInterval();
		}
		else {
			if (via == null) {
				via = connection.another(group.messagesPerSession(settings.messagesPerConnection()));
				sessions.put(group, via);
			}
			wait = group.pace(clock.instant());
		}
		if (!wait.isZero()) {
			int earlier = deferred.merge(group, 1, Integer::sum) - 1;
			outcomes.add(new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.DEFERRED, claimed.attempts(),
					clock.instant().plus(wait).plus(group.interval().multipliedBy(earlier)), null, null)
				.via(group.name));
			return;
		}
		DeliveryAttempts.Attempt attempt = attempts.send(claimed, content, recipient, via, group.settings.charset());
		relayDown = attempt.relayUnreachable();
		outcomes.add(attempt.outcome().via(group.name));
	}

	private void sendBulk(SmtpConnection connection, Instant now) {
		if (lease.anyLost()) {
			// rarely: only the rows still this worker's; once the run has started it goes
			// to its end
			for (int i = bulk.size() - 1; i >= 0; i--) {
				if (!lease.ours(bulk.get(i).id())) {
					bulk.remove(i);
					bulkMessages.remove(i);
				}
			}
		}
		if (bulk.isEmpty()) {
			return;
		}
		int told = relayDown ? 0 : connection.send(bulkMessages,
				(index, result) -> outcomes.add(attempts.outcome(bulk.get(index), result).outcome()));
		for (DeliveryQueue.Claimed claimed : bulk.subList(told, bulk.size())) {
			outcomes.add(unreachable(claimed, now));
		}
		if (told < bulk.size()) {
			relayDown = true;
		}
		bulk.clear();
		bulkMessages.clear();
		bulkBytes = 0;
	}

	/**
	 * The relay did not answer: the delivery waits for the next round, no attempt lost.
	 */
	private DeliveryQueue.Outcome unreachable(DeliveryQueue.Claimed claimed, Instant now) {
		return new DeliveryQueue.Outcome(claimed.id(), DeliveryStatus.RETRYING, claimed.attempts(),
				now.plus(settings.retryBase()), "relay unreachable", null);
	}

}
