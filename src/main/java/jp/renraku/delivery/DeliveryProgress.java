package jp.renraku.delivery;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How far a notice's mail has gone: its deliveries by status, the rate and the bounces.
 */
public record DeliveryProgress(Map<DeliveryStatus, Long> counts, long sentLastMinute, Instant at, long bounced) {

	/** Messages per second over the last minute. */
	public long rate() {
		return sentLastMinute / 60;
	}

	/**
	 * When the rest would be done at the current rate; {@code null} while nothing is
	 * moving.
	 */
	public @Nullable Instant estimatedFinish() {
		if (remaining() == 0 || sentLastMinute == 0) {
			return null;
		}
		return at.plusMillis(remaining() * 60_000L / sentLastMinute);
	}

	public long count(DeliveryStatus status) {
		return counts.getOrDefault(status, 0L);
	}

	public long total() {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	public long remaining() {
		return count(DeliveryStatus.QUEUED) + count(DeliveryStatus.SENDING) + count(DeliveryStatus.RETRYING)
				+ count(DeliveryStatus.PAUSED) + count(DeliveryStatus.DEFERRED);
	}

	public boolean paused() {
		return count(DeliveryStatus.PAUSED) > 0;
	}

	public long sent() {
		return count(DeliveryStatus.SENT);
	}

	public long failed() {
		return count(DeliveryStatus.FAILED);
	}

	public long skipped() {
		return count(DeliveryStatus.SKIPPED);
	}

}
