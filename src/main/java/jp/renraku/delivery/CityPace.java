package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One destination group's per-minute limit for the whole city, as one node spends it
 * (issue 18). Time is cut into slices of about a second (longer when the limit is under
 * one a second, so that a slice holds at least one message), and each slice holds its
 * share of the limit for all nodes together ({@link CarrierBudget}). This node takes a
 * few messages of the current slice at a time and spends them; what it has not spent when
 * the slice ends is lost, so a node that dies loses at most that. Any minute at the relay
 * then holds at most the limit plus one slice: sixty slices and the two ends of a sixty-
 * first. Not thread-safe: its group calls it under its own lock.
 */
final class CityPace {

	/**
	 * Messages of a slice one node takes at a time, as a part of the slice: small enough
	 * that a node with little to send leaves the rest to the others, large enough that a
	 * node at full pace asks a few times a second.
	 */
	private static final int PARTS = 4;

	/** And at most this many at a time. */
	private static final int MOST = 50;

	private final String group;

	private final CarrierBudget budget;

	private final long sliceMillis;

	private final int capacity;

	private final int chunk;

	private long slice = Long.MIN_VALUE;

	private int left;

	private boolean spent;

	CityPace(String group, int messagesPerMinute, CarrierBudget budget) {
		this.group = group;
		this.budget = budget;
		long minute = Duration.ofMinutes(1).toMillis();
		// a second's worth (at least one message), in a slice as long as that takes at
		// the
		// limit: rounded up, so that the pace is never above the limit and at most a few
		// thousandths below it
		this.capacity = (messagesPerMinute + 59) / 60;
		this.sliceMillis = (capacity * minute + messagesPerMinute - 1) / messagesPerMinute;
		this.chunk = Math.max(1, Math.min(MOST, (capacity + PARTS - 1) / PARTS));
	}

	/**
	 * Takes a place for one message now from this node's part of the slice (asking the
	 * database for more when it has none), or tells how long until the next slice (and
	 * takes nothing).
	 */
	Duration take(Instant now) {
		long millis = now.toEpochMilli();
		long current = Math.floorDiv(millis, sliceMillis);
		if (current != slice) {
			slice = current;
			left = 0;
			spent = false;
		}
		if (left == 0 && !spent) {
			int got = budget.take(group, Instant.ofEpochMilli(current * sliceMillis), chunk, capacity);
			left = got;
			// less than asked for is the slice's last
			spent = got < chunk;
		}
		if (left > 0) {
			left--;
			return Duration.ZERO;
		}
		return Duration.ofMillis((current + 1) * sliceMillis - millis);
	}

	/** How long one slice is. */
	Duration slice() {
		return Duration.ofMillis(sliceMillis);
	}

	/** Messages one slice holds for all nodes together. */
	int capacity() {
		return capacity;
	}

}
