package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;

/**
 * The engine's bookkeeping of the bodies' sending rules (Art. 3-2-3): which bodies' mail
 * waits now, and what each body with an hourly limit may still send, for the whole city
 * (issue 18). This node takes a part of a body's allowance at a time from the database
 * ({@link HourlyAllowances}) and its workers spend it with no query and no lock held
 * across a send; what it holds counts against the other nodes until its batches are
 * recorded, and what it has not spent goes back at the next look, every five seconds.
 */
final class SendingAllowance {

	private static final Logger log = LoggerFactory.getLogger(SendingAllowance.class);

	/** How long the held bodies are used before the next look. */
	private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

	/** A node takes this part of a body's hourly limit at a time ... */
	private static final int PARTS = 10;

	/** ... and at most this many. */
	private static final int MOST = 200;

	/** What this node holds of one body's allowance; guarded by its own lock. */
	private static final class Share {

		int limit;

		/** Taken from the city's allowance and not yet spent. */
		int unspent;

		/** Spent by batches whose outcomes are not yet recorded. */
		int inFlight;

		/** What the database holds for this node, and until when. */
		int written;

		Instant writtenUntil = Instant.EPOCH;

		/** Nothing was left at the last take: no more takes until the next look. */
		boolean exhausted;

	}

	private final ObjectProvider<SendingRules> rules;

	private final DeliveryReports reports;

	private final HourlyAllowances city;

	private final String node;

	private final Clock clock;

	private final Duration countsFor;

	private final ReentrantLock looking = new ReentrantLock();

	private volatile Set<Long> held = Set.of();

	private volatile Instant heldCheckedAt = Instant.EPOCH;

	/** The bodies with an hourly limit, by body. */
	private volatile Map<Long, Share> shares = Map.of();

	/**
	 * @param node this node's name in the city's allowance
	 * @param countsFor how long what this node holds counts if it is not heard of again:
	 * the delivery lease, after which its rows are another node's
	 */
	SendingAllowance(ObjectProvider<SendingRules> rules, DeliveryReports reports, HourlyAllowances city, String node,
			Clock clock, Duration countsFor) {
		this.rules = rules;
		this.reports = reports;
		this.city = city;
		this.node = node;
		this.clock = clock;
		this.countsFor = countsFor;
	}

	/**
	 * Bodies whose mail waits now: paused or suspended by the system administrator, or
	 * over their hourly limit (Art. 3-2-3) with what every node holds. Looked up at most
	 * every five seconds; in between, the workers of this node spend what it holds.
	 */
	Set<Long> heldBodies(Instant now) {
		if (Duration.between(heldCheckedAt, now).compareTo(LOOK_AGAIN) < 0) {
			return held;
		}
		// one look at a time, and the others wait for it: a worker that claimed with the
		// last look's (or no) held bodies might send a paused body's mail
		looking.lock();
		try {
			if (Duration.between(heldCheckedAt, now).compareTo(LOOK_AGAIN) >= 0) {
				look(now);
			}
		}
		finally {
			looking.unlock();
		}
		return held;
	}

	private void look(Instant now) {
		SendingRules provider = rules.getIfAvailable();
		Map<Long, SendingRules.Rule> byBody = provider == null ? Map.of() : provider.rules();
		boolean limits = byBody.values().stream().anyMatch(r -> r.hourlyLimit() != null);
		Map<Long, Long> sent = limits ? reports.sentSince(now.minus(Duration.ofHours(1))) : Map.of();
		Map<Long, Long> others = limits ? city.heldByOthers(node, now) : Map.of();
		Set<Long> blocked = new HashSet<>();
		Map<Long, Share> limited = new HashMap<>();
		byBody.forEach((body, rule) -> {
			long remaining = Long.MAX_VALUE;
			if (rule.hourlyLimit() != null) {
				Share share = shares.getOrDefault(body, new Share());
				synchronized (share) {
					share.limit = rule.hourlyLimit();
					share.exhausted = false;
					// what was not spent goes back to the city
					share.unspent = 0;
					write(body, share, now);
					remaining = share.limit - sent.getOrDefault(body, 0L) - others.getOrDefault(body, 0L)
							- share.inFlight;
				}
				limited.put(body, share);
			}
			if (!rule.maySend() || remaining <= 0) {
				blocked.add(body);
			}
		});
		shares.forEach((body, share) -> {
			if (!limited.containsKey(body)) {
				// no limit any more: nothing this node holds counts
				synchronized (share) {
					share.unspent = 0;
					share.inFlight = 0;
					write(body, share, now);
				}
			}
		});
		held = Set.copyOf(blocked);
		shares = Map.copyOf(limited);
		heldCheckedAt = now;
	}

	/**
	 * Writes what this node holds of the body when it changed or its time is half gone.
	 * Called under the share's lock.
	 */
	private void write(long body, Share share, Instant now) {
		int outstanding = share.unspent + share.inFlight;
		boolean fresh = outstanding == 0
				|| Duration.between(now, share.writtenUntil).compareTo(countsFor.dividedBy(2)) > 0;
		if (outstanding == share.written && fresh) {
			return;
		}
		try {
			city.hold(body, node, outstanding, now, countsFor);
			share.written = outstanding;
			share.writtenUntil = now.plus(countsFor);
		}
		catch (DataAccessException ex) {
			// the database keeps the last, larger figure: the next look tries again
			log.warn("What this node holds of body {}'s hourly limit could not be written: {}", body, ex.toString());
		}
	}

	/** What one batch spends of the bodies' allowances. */
	Spending spending() {
		return new Spending();
	}

	/** Forgets the held bodies, so a change of the rules counts at the next batch. */
	void rulesChanged() {
		heldCheckedAt = Instant.EPOCH;
	}

	/** Lets everything this node holds go, when it stops. */
	void releaseAll() {
		try {
			city.releaseAll(node);
		}
		catch (DataAccessException ex) {
			log.warn("This node's part of the hourly limits could not be let go, it runs out: {}", ex.toString());
		}
	}

	/**
	 * Takes one message from the body's allowance, from what this node holds or else from
	 * the city's; false when none is left.
	 */
	private boolean spend(long body, Share share) {
		synchronized (share) {
			if (share.unspent == 0) {
				if (share.exhausted) {
					return false;
				}
				Instant now = clock.instant();
				int want = Math.max(1, Math.min(MOST, share.limit / PARTS));
				int got;
				try {
					got = city.take(body, node, share.limit, share.inFlight, want, now, countsFor);
					share.written = share.inFlight + got;
					share.writtenUntil = now.plus(countsFor);
				}
				catch (DataAccessException ex) {
					log.warn("Body {}'s hourly limit could not be read; its mail waits: {}", body, ex.toString());
					got = 0;
				}
				if (got == 0) {
					share.exhausted = true;
					return false;
				}
				share.unspent = got;
			}
			share.unspent--;
			share.inFlight++;
			return true;
		}
	}

	private void holdBack(long body) {
		Set<Long> more = new HashSet<>(held);
		more.add(body);
		held = Set.copyOf(more);
	}

	/**
	 * What one batch takes from the bodies' allowances: {@link #recorded} once the
	 * batch's outcomes are written (or lost), so that what it sent counts as sent rows
	 * from then on instead.
	 */
	final class Spending {

		private final Map<Share, Integer> taken = new HashMap<>();

		/**
		 * Takes one message from the body's hourly allowance; false (and the body held
		 * until the next look) when none is left.
		 */
		boolean withinLimit(long body) {
			Share share = shares.get(body);
			if (share == null) {
				return true;
			}
			if (!spend(body, share)) {
				holdBack(body);
				return false;
			}
			taken.merge(share, 1, Integer::sum);
			return true;
		}

		void recorded() {
			taken.forEach((share, n) -> {
				synchronized (share) {
					share.inFlight = Math.max(0, share.inFlight - n);
				}
			});
			taken.clear();
		}

	}

}
