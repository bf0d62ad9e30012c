package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;

/**
 * The configured destination groups (mobile carriers) with this node's share of their
 * limits: a count of open SMTP sessions and a pace of messages. The pace is a generic
 * cell rate: one message per interval, with up to a second's worth at once.
 */
final class Destinations {

	/** One destination group at run time. */
	static final class Group {

		final String name;

		final DeliverySettings.Destination settings;

		private final @Nullable Semaphore sessions;

		private final long intervalNanos;

		private final long burstNanos;

		private long theoreticalArrival = Long.MIN_VALUE;

		Group(String name, DeliverySettings.Destination settings) {
			this.name = name;
			this.settings = settings;
			this.sessions = settings.maxConnections() > 0 ? new Semaphore(settings.maxConnections()) : null;
			this.intervalNanos = settings.messagesPerMinute() > 0
					? Duration.ofMinutes(1).toNanos() / settings.messagesPerMinute() : 0;
			this.burstNanos = Math.max(0, Duration.ofSeconds(1).toNanos() - intervalNanos);
		}

		/**
		 * Takes a session slot if one is free; give it back with {@link #closeSession}.
		 */
		boolean openSession() {
			return sessions == null || sessions.tryAcquire();
		}

		void closeSession() {
			if (sessions != null) {
				sessions.release();
			}
		}

		/**
		 * Takes a place for one message now, or tells how long until one is free (and
		 * takes nothing).
		 */
		synchronized Duration pace(Instant now) {
			if (intervalNanos == 0) {
				return Duration.ZERO;
			}
			long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
			long arrival = Math.max(theoreticalArrival, t);
			if (arrival - t > burstNanos) {
				return Duration.ofNanos(arrival - t - burstNanos);
			}
			theoreticalArrival = arrival + intervalNanos;
			return Duration.ZERO;
		}

		/** Time between two messages at the configured pace. */
		Duration interval() {
			return Duration.ofNanos(intervalNanos);
		}

		int messagesPerSession(int otherwise) {
			return settings.messagesPerSession() > 0 ? settings.messagesPerSession() : otherwise;
		}

	}

	private final Map<String, Group> byDomain = new HashMap<>();

	Destinations(Map<String, DeliverySettings.Destination> configured) {
		configured.forEach((name, destination) -> {
			Group group = new Group(name, destination);
			for (String domain : destination.domains()) {
				Group before = byDomain.put(domain.strip().toLowerCase(Locale.ROOT), group);
				if (before != null) {
					throw new IllegalStateException(
							"Domain " + domain + " is in two destination groups: " + before.name + ", " + name);
				}
			}
		});
	}

	/**
	 * The group a recipient's address belongs to, by its domain or a parent domain; null
	 * when none is configured.
	 */
	@Nullable Group of(String email) {
		if (byDomain.isEmpty()) {
			return null;
		}
		String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		while (true) {
			Group group = byDomain.get(domain);
			if (group != null) {
				return group;
			}
			int dot = domain.indexOf('.');
			if (dot < 0) {
				return null;
			}
			domain = domain.substring(dot + 1);
		}
	}

	List<Group> groups() {
		return byDomain.values().stream().distinct().toList();
	}

}
