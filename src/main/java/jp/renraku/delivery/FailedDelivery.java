package jp.renraku.delivery;

import org.jspecify.annotations.Nullable;

/** A message that could not be delivered, with the receiving server's last reply. */
public record FailedDelivery(DeliveryId id, long registrantId, int attempts, @Nullable String reply) {
}
