package jp.renraku.delivery;

/**
 * Where one recipient's message stands. Message key: {@code delivery.status.NAME}.
 */
public enum DeliveryStatus {

	/** Waiting for a worker. */
	QUEUED,
	/**
	 * Claimed by a worker, under a lease; if the lease runs out, another worker takes it.
	 */
	SENDING,
	/** Accepted by the relay. */
	SENT,
	/** A temporary failure (4xx, connection); tried again later. */
	RETRYING,
	/** A permanent failure (5xx) or too many attempts; the server's reply is kept. */
	FAILED,
	/** The registrant stopped or was deleted before the message went out. */
	SKIPPED,
	/** Held because the sender paused the notice; queued again on resume. */
	PAUSED,
	/**
	 * Waiting for its destination's pace (a mobile carrier's limit); sent when its time
	 * comes, without counting an attempt.
	 */
	DEFERRED,
	/**
	 * Held while the body was suspended and discarded by the system administrator when
	 * reinstating it (Art. 6-3).
	 */
	DISCARDED

}
