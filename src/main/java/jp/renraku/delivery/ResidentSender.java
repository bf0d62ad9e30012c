package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.mail.SmtpTarget;
import org.jspecify.annotations.Nullable;

/**
 * Sends the single mails to residents (issue 14) by the rules of notices: a carrier's
 * address in its character set, within its session limit and pace. A mail is tried at
 * once on the thread that wrote it, after its commit, so a resident waits no longer than
 * before; when the carrier's pace or the relay make it wait, the engine's workers send it
 * with their next round ({@link #sendDue}). While a round is sent its leases are renewed
 * ({@link BatchLeases}), so that a slow relay does not let another worker send it too.
 */
final class ResidentSender {

	/** Single mails a worker takes in one round, before the notices' batch. */
	private static final int ROUND = 50;

	private final ResidentMails mails;

	private final Destinations destinations;

	private final DeliveryAttempts attempts;

	private final SmtpTarget target;

	private final DeliverySettings settings;

	private final Clock clock;

	private final BatchLeases leases;

	/** The single mails' leases, as {@link #leases} renews them. */
	private final BatchLeases.Rows claims;

	ResidentSender(ResidentMails mails, Destinations destinations, DeliveryAttempts attempts, SmtpTarget target,
			DeliverySettings settings, Clock clock, BatchLeases leases, BatchLeases.Rows claims) {
		this.mails = mails;
		this.leases = leases;
		this.claims = claims;
		this.destinations = destinations;
		this.attempts = attempts;
		this.target = target;
		this.settings = settings;
		this.clock = clock;
	}

	/** The mail just queued, sent now on the calling thread if its pace allows. */
	void sendNow(long id, String worker) {
		Optional<ResidentMails.Queued> claimed = mails.claim(id, worker, clock.instant(), settings.lease());
		if (claimed.isEmpty()) {
			return;
		}
		try (BatchLeases.Held held = leases.hold(claims, "resident_mail", worker, List.of(id));
				SmtpConnection connection = new SmtpConnection(target, 1, settings.pipelining())) {
			send(List.of(claimed.get()), connection, held);
		}
	}

	/** Sends the single mails that are due; returns how many it handled. */
	int sendDue(String worker, SmtpConnection connection) {
		List<ResidentMails.Queued> due = mails.claimDue(worker, ROUND, clock.instant(), settings.lease());
		if (!due.isEmpty()) {
			try (BatchLeases.Held held = leases.hold(claims, "resident_mail", worker,
					due.stream().map(ResidentMails.Queued::id).toList())) {
				send(due, connection, held);
			}
		}
		return due.size();
	}

	private void send(List<ResidentMails.Queued> batch, SmtpConnection connection, BatchLeases.Held held) {
		Map<Destinations.Group, SmtpConnection> sessions = new HashMap<>();
		boolean relayDown = false;
		try {
			for (ResidentMails.Queued mail : batch) {
				if (!held.ours(mail.id())) {
					// another worker took it over and sends it
					continue;
				}
				Instant now = clock.instant();
				if (relayDown) {
					held.done(mail.id());
					mails.notSent(mail.id(), DeliveryStatus.RETRYING, mail.attempts(), now.plus(settings.retryBase()),
							"relay unreachable");
					continue;
				}
				Destinations.Group group = destinations.of(mail.to());
				SmtpConnection via = connection;
				DeliverySettings.MailCharset charset = DeliverySettings.MailCharset.UTF_8;
				if (group != null) {
					charset = group.settings.charset();
					via = sessions.get(group);
					Duration wait = waitFor(group, via, sessions, connection);
					via = sessions.get(group);
					if (!wait.isZero()) {
						// the carrier's pace or its sessions: the next round takes it
						held.done(mail.id());
						mails.notSent(mail.id(), DeliveryStatus.DEFERRED, mail.attempts(), now.plus(wait), null);
						continue;
					}
				}
				DeliveryAttempts.ResidentAttempt attempt = attempts.send(mail, via, charset);
				relayDown = attempt.relayUnreachable();
				held.done(mail.id());
				if (attempt.status() == DeliveryStatus.SENT) {
					mails.sent(mail.id());
				}
				else {
					mails.notSent(mail.id(), attempt.status(), attempt.attempts(), attempt.nextAttemptAt(),
							attempt.reply());
				}
			}
		}
		finally {
			sessions.forEach((group, session) -> {
				session.close();
				group.closeSession();
			});
		}
	}

	/** How long the group makes this mail wait; opens its session when there is none. */
	private Duration waitFor(Destinations.Group group, @Nullable SmtpConnection via,
			Map<Destinations.Group, SmtpConnection> sessions, SmtpConnection connection) {
		if (via == null) {
			if (!group.openSession()) {
				// every session this node may hold for these domains is in use
				return settings.pollInterval();
			}
			sessions.put(group, connection.another(group.messagesPerSession(settings.messagesPerConnection())));
		}
		return group.pace(clock.instant());
	}

}
