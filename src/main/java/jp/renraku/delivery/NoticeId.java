package jp.renraku.delivery;

/**
 * Which notice a delivery belongs to, as the modules that pass notices between them name
 * it (notice, confirmation, delivery); the number is the notice's row id.
 */
public record NoticeId(long value) {

	public static NoticeId of(long value) {
		return new NoticeId(value);
	}

	@Override
	public String toString() {
		return String.valueOf(value);
	}

}
