package jp.renraku.common;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One kind of city-wide rate limit ({@link RateLimits}, issue 18): at most
 * {@code capacity} counted attempts of one subject within {@code period}, the allowance
 * coming back one attempt every {@code period / capacity} — the token bucket with greedy
 * refill that Bucket4j's {@code refillGreedy(capacity, period)} is.
 *
 * @param purpose names the limit's rows (lower-case letters and hyphens); two limits
 * never share one
 * @param capacity attempts within the period
 * @param period the time in which the whole allowance comes back
 */
public record RateLimit(String purpose, int capacity, Duration period) {

	private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z-]{0,39}");

	public RateLimit {
		if (!PURPOSE.matcher(purpose).matches()) {
			throw new IllegalArgumentException("a limit's purpose is lower-case letters and hyphens: " + purpose);
		}
		if (capacity < 1 || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("a limit allows at least one attempt in some time");
		}
	}

	/** The counter of this limit for one subject (a client, a list, an account …). */
	public Counter of(String subject) {
		return new Counter(this, subject);
	}

	/** How long one counted attempt takes to come back, in microseconds. */
	long stepMicros() {
		return Math.max(1, period.toNanos() / 1000 / capacity);
	}

	/**
	 * The number of attempts used, from the time the whole allowance is back: the
	 * microseconds still to wait, in steps, rounded up (what the capacity less Bucket4j's
	 * available tokens is).
	 */
	int used(long refilledAt, long now) {
		if (refilledAt <= now) {
			return 0;
		}
		long step = stepMicros();
		return (int) Math.min(capacity, (refilledAt - now + step - 1) / step);
	}

	/**
	 * One counter: a limit and what it counts. The subject is stored only as a keyed
	 * hash.
	 */
	public record Counter(RateLimit limit, String subject) {

	}

}
