package jp.renraku.registration;

/**
 * A registrant on a list. Those who stop or are deleted are not kept at all. Message key:
 * {@code registrant.state.NAME}.
 */
public enum RegistrantState {

	/** Waiting for an operations manager's approval. */
	PENDING,
	/** Receives the list's mail. */
	ACTIVE

}
