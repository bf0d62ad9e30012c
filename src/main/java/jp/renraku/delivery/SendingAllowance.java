package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's bookkeeping of the bodies' sending rules (Art. 3-2-3): which bodies' mail
 * waits now, and what each body with an hourly limit may still send. Shared by the
 * workers of one engine between two looks at the database, so that a batch costs no query
 * and no lock for it.
 */
final class SendingAllowance {

	/** How long the held bodies and the allowance are used before the next look. */
	private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

	private final ObjectProvider<SendingRules> rules;

	private final DeliveryReports reports;

	private volatile Set<Long> held = Set.of();

	private volatile Instant heldCheckedAt = Instant.EPOCH;

	/**
	 * What each body with an hourly limit may still send, shared by this node's workers
	 * between two looks at the database.
	 */
	private volatile Map<Long, AtomicLong> allowance = Map.of();

	SendingAllowance(ObjectProvider<SendingRules> rules, DeliveryReports reports) {
		this.rules = rules;
		this.reports = reports;
	}

	/**
	 * Bodies whose mail waits now: paused or suspended by the system administrator, or
	 * over their hourly limit (Art. 3-2-3). Looked up at most every five seconds; in
	 * between, the workers of this node count against the remaining allowance.
	 */
	Set<Long> heldBodies(Instant now) {
		if (Duration.between(heldCheckedAt, now).compareTo(LOOK_AGAIN) < 0) {
			return held;
		}
		SendingRules provider = rules.getIfAvailable();
		Set<Long> blocked = new HashSet<>();
		Map<Long, AtomicLong> left = new HashMap<>();
		if (provider != null) {
			Map<Long, SendingRules.Rule> byBody = provider.rules();
			Map<Long, Long> sent = byBody.values().stream().anyMatch(r -> r.hourlyLimit() != null)
					? reports.sentSince(now.minus(Duration.ofHours(1))) : Map.of();
			byBody.forEach((body, rule) -> {
				long remaining = rule.hourlyLimit() == null ? Long.MAX_VALUE
						: rule.hourlyLimit() - sent.getOrDefault(body, 0L);
				if (!rule.maySend() || remaining <= 0) {
					blocked.add(body);
				}
				else if (rule.hourlyLimit() != null) {
					left.put(body, new AtomicLong(remaining));
				}
			});
		}
		held = Set.copyOf(blocked);
		allowance = Map.copyOf(left);
		heldCheckedAt = now;
		return held;
	}

	/**
	 * Takes one message from the body's hourly allowance; false (and the body held until
	 * the next look) when none is left.
	 */
	boolean withinLimit(long body) {
		AtomicLong left = allowance.get(body);
		if (left == null || left.decrementAndGet() >= 0) {
			return true;
		}
		Set<Long> more = new HashSet<>(held);
		more.add(body);
		held = Set.copyOf(more);
		return false;
	}

	/** Forgets the held bodies, so a change of the rules counts at the next batch. */
	void rulesChanged() {
		heldCheckedAt = Instant.EPOCH;
	}

}
