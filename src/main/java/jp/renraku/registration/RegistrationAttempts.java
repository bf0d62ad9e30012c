package jp.renraku.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Limits on the public registration form (issue 12). Wrong registration passwords are
 * counted per client and list, so one machine cannot guess; when a list gets more wrong
 * passwords from everyone than {@code passwordsPerList}, it is being guessed from many
 * machines, and each client may then try only a few times (slowed, not closed: a new
 * resident with the right password still gets in; the operations managers are told once
 * per window). Confirmation mails are limited per client here and per address in the
 * database ({@link RegistrationManagement#requestSignup}). Buckets live in this node's
 * memory; with several nodes each node counts for itself.
 */
@Component
class RegistrationAttempts {

	private static final int MAX_TRACKED = 50_000;

	private final RegistrationLimits limits;

	private final Clock clock;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/** When each list was last reported as guessed. */
	private final Map<Long, Instant> reported = new ConcurrentHashMap<>();

	RegistrationAttempts(RegistrationLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/** Whether the client may have another registration password checked now. */
	boolean allowed(long listId, String client) {
		long used = limits.passwordsPerClient() - client(listId, client).getAvailableTokens();
		int allowance = guessed(listId) ? limits.passwordsPerClientWhileGuessed() : limits.passwordsPerClient();
		return used < allowance;
	}

	/**
	 * Counts a wrong password; true when this one shows the list is being guessed from
	 * many clients and that has not been reported within the window.
	 */
	boolean failed(long listId, String client) {
		client(listId, client).tryConsume(1);
		list(listId).tryConsume(1);
		if (!guessed(listId)) {
			return false;
		}
		Instant now = clock.instant();
		boolean[] report = { false };
		reported.compute(listId, (id, last) -> {
			if (last != null && last.isAfter(now.minus(limits.window()))) {
				return last;
			}
			report[0] = true;
			return now;
		});
		return report[0];
	}

	/** Whether the client may ask for one more confirmation mail now (and counts it). */
	boolean mailAllowed(String client) {
		return bucket("m:" + client, limits.mailsPerClient(), Duration.ofHours(1)).tryConsume(1);
	}

	private boolean guessed(long listId) {
		return list(listId).getAvailableTokens() <= 0;
	}

	private Bucket client(long listId, String client) {
		return bucket("c:" + listId + ":" + client, limits.passwordsPerClient(), limits.window());
	}

	private Bucket list(long listId) {
		return bucket("l:" + listId, limits.passwordsPerList(), limits.window());
	}

	private Bucket bucket(String key, int capacity, Duration period) {
		if (buckets.size() > MAX_TRACKED) {
			// forget clients that have their full allowance again
			buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= limits.passwordsPerClient());
		}
		return buckets.computeIfAbsent(key,
				k -> Bucket.builder()
					.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
					.build());
	}

	/** For tests: forget every count. */
	void reset() {
		buckets.clear();
		reported.clear();
	}

}
