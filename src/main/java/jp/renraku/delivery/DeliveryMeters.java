package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the engine did, for the operators' dashboards (issue 18), counted where the outbox
 * writes it ({@link DeliveryQueue#finish}, {@link ResidentMails}):
 * {@code renraku.delivery.messages} by kind (notice, resident) and outcome (sent,
 * retrying, failed, deferred, skipped, held), whose rate is the send rate; and
 * {@code renraku.delivery.time}, the time from a notice's release (its delivery row's
 * creation) to the relay's acceptance of each message, by destination group
 * ({@code other} for addresses in none); and {@code renraku.delivery.deferred}, messages
 * that waited for their carrier's pace or sessions, by destination group. The release
 * time of a claimed row is kept here from its claim to its outcome, on the node that
 * claimed it; a row claimed by a node that died is timed by the node that takes it over.
 */
@Component
class DeliveryMeters {

	/**
	 * More claims than this waiting for their outcome means outcomes were lost: start
	 * again.
	 */
	private static final int MAX_TIMED = 200_000;

	private static final Duration[] BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
			Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1) };

	private final MeterRegistry registry;

	private final Map<DeliveryStatus, Counter> notices = new EnumMap<>(DeliveryStatus.class);

	private final Map<DeliveryStatus, Counter> residents = new EnumMap<>(DeliveryStatus.class);

	private final ConcurrentMap<String, Timer> times = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> deferred = new ConcurrentHashMap<>();

	/** The release time of each claimed delivery, by id, until its outcome is written. */
	private final ConcurrentMap<Long, Instant> released = new ConcurrentHashMap<>();

	DeliveryMeters(MeterRegistry registry, DeliverySettings settings) {
		this.registry = registry;
		settings.destinations().keySet().forEach(this::deferred);
		for (DeliveryStatus status : DeliveryStatus.values()) {
			notices.put(status, counter("notice", status));
			residents.put(status, counter("resident", status));
		}
		// the dashboards' series exist from the start; the groups' appear with their mail
		time(null);
	}

	private Counter counter(String kind, DeliveryStatus status) {
		// QUEUED as an outcome is a row put back for the body's hourly limit
		String outcome = status == DeliveryStatus.QUEUED ? "held" : status.name().toLowerCase(Locale.ROOT);
		return Counter.builder("renraku.delivery.messages")
			.description("Messages the engine handled, by outcome")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(registry);
	}

	/** Rows just claimed: their release times, for the outcome. */
	void claimed(List<DeliveryQueue.Claimed> claimed) {
		if (released.size() > MAX_TIMED) {
			released.clear();
		}
		for (DeliveryQueue.Claimed row : claimed) {
			if (row.queuedAt() != null) {
				released.put(row.id(), row.queuedAt());
			}
		}
	}

	/** The outcome of a claimed row of a notice, as it is written. */
	void finished(long id, DeliveryStatus status, @Nullable Instant sentAt, @Nullable String route) {
		notices.get(status).increment();
		if (status == DeliveryStatus.DEFERRED) {
			deferred(route).increment();
		}
		Instant queuedAt = released.remove(id);
		if (status == DeliveryStatus.SENT && sentAt != null && queuedAt != null) {
			time(route).record(Duration.between(queuedAt, sentAt));
		}
	}

	/** The outcome of a single mail to a resident, as it is written. */
	void resident(DeliveryStatus status) {
		residents.get(status).increment();
	}

	private Counter deferred(@Nullable String route) {
		return deferred.computeIfAbsent(route == null ? "other" : route,
				group -> Counter.builder("renraku.delivery.deferred")
					.description("Messages that waited for their carrier's pace or sessions")
					.tag("group", group)
					.register(registry));
	}

	private Timer time(@Nullable String route) {
		return times.computeIfAbsent(route == null ? "other" : route,
				group -> Timer.builder("renraku.delivery.time")
					.description("From a notice's release to the relay's acceptance of a message")
					.tag("group", group)
					.serviceLevelObjectives(BUCKETS)
					.register(registry));
	}

}
