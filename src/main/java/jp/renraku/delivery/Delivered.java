package jp.renraku.delivery;

/** Who a delivery went to, for what comes back about it (a bounce, a reply). */
public record Delivered(DeliveryId delivery, NoticeId notice, long bodyId, long registrantId) {
}
