package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.renraku.common.NodeLeases;
import org.jspecify.annotations.Nullable;

/**
 * The configured destination groups (mobile carriers) and their limits: a count of open
 * SMTP sessions and a pace of messages. With the city's budget and leases, both hold for
 * all nodes together (issue 18): the sessions as slots leased in the database
 * ({@link SessionSlots}), the pace as slices of the per-minute limit that each node takes
 * a few at a time ({@link CityPace}). Within what the city allows, each node keeps its
 * own generic cell rate: one message per interval, with up to a second's worth at once.
 */
final class Destinations {

	/** Longest group name: its session slots' lease names must fit in 64 characters. */
	private static final int LONGEST_NAME = 48;

	/** One destination group at run time. */
	static final class Group {

		final String name;

		final DeliverySettings.Destination settings;

		private final SessionSlots sessions;

		private final @Nullable CityPace city;

		private final long intervalNanos;

		private final long burstNanos;

		private long theoreticalArrival = Long.MIN_VALUE;

		Group(String name, DeliverySettings.Destination settings, @Nullable CarrierBudget budget,
				@Nullable NodeLeases leases) {
			this.name = name;
			this.settings = settings;
			this.sessions = new SessionSlots(name, settings.maxConnections(), leases);
			this.city = budget != null && settings.messagesPerMinute() > 0
					? new CityPace(name, settings.messagesPerMinute(), budget) : null;
			this.intervalNanos = settings.messagesPerMinute() > 0
					? Duration.ofMinutes(1).toNanos() / settings.messagesPerMinute() : 0;
			this.burstNanos = Math.max(0, Duration.ofSeconds(1).toNanos() - intervalNanos);
		}

		/**
		 * Takes a session slot if one is free; give it back with {@link #closeSession}.
		 */
		boolean openSession() {
			return sessions.open();
		}

		void closeSession() {
			sessions.close();
		}

		/**
		 * Takes a place for one message now, or tells how long until one is free (and
		 * takes nothing). Renews the group's open session slots when that is due.
		 */
		synchronized Duration pace(Instant now) {
			sessions.keep(now);
			if (intervalNanos == 0) {
				return Duration.ZERO;
			}
			long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
			long arrival = Math.max(theoreticalArrival, t);
			if (arrival - t > burstNanos) {
				return Duration.ofNanos(arrival - t - burstNanos);
			}
			if (city != null) {
				Duration wait = city.take(now);
				if (!wait.isZero()) {
					return wait;
				}
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

	/** The groups with this node's own limits only: for tests of one node. */
	Destinations(Map<String, DeliverySettings.Destination> configured) {
		this(configured, null, null);
	}

	/**
	 * The groups with limits for the whole city: the pace kept in {@code budget}, the
	 * sessions as {@code leases}.
	 */
	Destinations(Map<String, DeliverySettings.Destination> configured, @Nullable CarrierBudget budget,
			@Nullable NodeLeases leases) {
		configured.forEach((name, destination) -> {
			if (name.length() > LONGEST_NAME) {
				throw new IllegalStateException(
						"Destination group name " + name + " is longer than " + LONGEST_NAME + " characters");
			}
			Group group = new Group(name, destination, budget, leases);
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
