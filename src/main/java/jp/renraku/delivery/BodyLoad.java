package jp.renraku.delivery;

/** One body's mail in the city-wide queue, for the system administrator. */
public record BodyLoad(long bodyId, long waiting, long sending, long sentLastHour) {
}
