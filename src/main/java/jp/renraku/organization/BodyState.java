package jp.renraku.organization;

/**
 * Whether a body may use Renraku. The usage application and permit of Art. 6 will add the
 * states before {@link #ACTIVE}. Message key: {@code body.state.NAME}.
 */
public enum BodyState {

	ACTIVE,
	/** Suspended by the system administrator for improper operation (Art. 6-3). */
	SUSPENDED

}
