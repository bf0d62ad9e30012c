package jp.renraku.delivery;

import org.jspecify.annotations.Nullable;

/**
 * How long the relay took to accept the messages of one notice to one destination group
 * (or to everyone): milliseconds from the notice's release to the relay's acceptance, the
 * median and the 95th percentile by nearest rank (each a time one message took), and the
 * last message's.
 *
 * @param destination the destination group's configured name; null for addresses in no
 * group, and for the notice as a whole
 * @param messages how many messages the relay accepted
 */
public record DeliveryTime(@Nullable String destination, long messages, long p50Millis, long p95Millis,
		long lastMillis) {

}
