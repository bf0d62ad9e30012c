package jp.renraku.account;

/**
 * Life of a staff account. Accounts are never deleted: their ID stays taken and their
 * history stays readable. Message key: {@code account.state.NAME}.
 */
public enum AccountState {

	ACTIVE,
	/**
	 * The holder reported that the password may have leaked (Art. 11-2-6); needs a new
	 * password.
	 */
	LEAK_LOCKED,
	/** Personnel change (Art. 11-1-2): can no longer sign in. */
	RETIRED

}
