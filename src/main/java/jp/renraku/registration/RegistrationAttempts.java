package jp.renraku.registration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Limits wrong registration passwords: per client and list (10 per 15 minutes) and per
 * list from all clients together (100 per 15 minutes), so that neither one machine nor
 * many can guess a list's password. Buckets live in this node's memory; with several
 * nodes each node counts for itself (the limit multiplies by the number of nodes).
 */
@Component
class RegistrationAttempts {

	static final int PER_CLIENT = 10;

	static final int PER_LIST = 100;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private static final int MAX_TRACKED = 50_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/** Whether another attempt may be checked now. */
	boolean allowed(long listId, String client) {
		return bucket("c:" + listId + ":" + client, PER_CLIENT).getAvailableTokens() > 0
				&& bucket("l:" + listId, PER_LIST).getAvailableTokens() > 0;
	}

	/** Counts a wrong password. */
	void failed(long listId, String client) {
		bucket("c:" + listId + ":" + client, PER_CLIENT).tryConsume(1);
		bucket("l:" + listId, PER_LIST).tryConsume(1);
	}

	private Bucket bucket(String key, int capacity) {
		if (buckets.size() > MAX_TRACKED) {
			// forget clients that have their full allowance again
			buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= PER_CLIENT);
		}
		return buckets.computeIfAbsent(key,
				k -> Bucket.builder()
					.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build())
					.build());
	}

	/** For tests: forget every count. */
	void reset() {
		buckets.clear();
	}

}
