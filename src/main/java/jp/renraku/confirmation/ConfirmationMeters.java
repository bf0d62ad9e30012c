package jp.renraku.confirmation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code renraku.confirmations} for the operators (issue 18): first confirmations
 * ({@code recorded}) and presses of a link confirmed before ({@code already}), counted by
 * the {@link ReceiptWriter} once per group it commits, on its own thread: the press, the
 * hottest request of the product, does nothing more for it.
 */
@Component
class ConfirmationMeters {

	private final Counter recorded;

	private final Counter already;

	ConfirmationMeters(MeterRegistry registry) {
		this.recorded = counter(registry, "recorded");
		this.already = counter(registry, "already");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("renraku.confirmations")
			.description("Confirmations written, first ones and repeated presses")
			.tag("outcome", outcome)
			.register(registry);
	}

	/** A group committed: so many first confirmations, so many repeated. */
	void written(int first, int repeated) {
		recorded.increment(first);
		already.increment(repeated);
	}

}
