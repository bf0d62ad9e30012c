package jp.renraku.confirmation;

/** Which recipients of a notice a list shows. */
public enum RecipientFilter {

	/** Not confirmed (nor answered) yet. */
	PENDING,
	/** Confirmed or answered. */
	RESPONDED

}
