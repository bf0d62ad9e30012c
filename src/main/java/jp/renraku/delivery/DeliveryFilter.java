package jp.renraku.delivery;

/**
 * Which deliveries of a sent notice a follow-up (a reminder) goes to: a condition on the
 * origin's delivery {@code d} in SQL, written by the module that knows what came back
 * (confirmation), so that the follow-up is one {@code INSERT … SELECT} like a release. It
 * names its own tables only and takes no input.
 */
public record DeliveryFilter(String condition) {
}
