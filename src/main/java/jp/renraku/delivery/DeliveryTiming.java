package jp.renraku.delivery;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A notice's delivery time (issue 17): from its release, when its mail was queued and
 * due, to the relay's acceptance of each message, for all of it and by destination group.
 *
 * @param startedAt the release, from which the times count
 * @param kept whether every delivery was finished and the figures are stored (they then
 * outlive the delivery rows); otherwise they are computed now and still change
 * @param all the whole notice; null while the relay has accepted nothing
 * @param destinations by destination group, named ones by name, then the addresses in no
 * group
 */
public record DeliveryTiming(Instant startedAt, boolean kept, @Nullable DeliveryTime all,
		List<DeliveryTime> destinations) {

}
