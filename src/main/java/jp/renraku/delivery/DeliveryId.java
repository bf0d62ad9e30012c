package jp.renraku.delivery;

/** One recipient's message of a notice: the outbox row, and what its tokens name. */
public record DeliveryId(long value) {

	public static DeliveryId of(long value) {
		return new DeliveryId(value);
	}

	@Override
	public String toString() {
		return String.valueOf(value);
	}

}
