package jp.renraku.common;

/**
 * Work an account holds that must not be lost when its holder leaves: modules that keep
 * such work (drafts and scheduled notices) implement this, and the account module hands
 * it over before retiring the account (Art. 11-1-2).
 */
public interface WorkHandover {

	/** How many open pieces of work the account holds. */
	int openWork(long accountId);

	/**
	 * Gives the account's open work to a colleague of the same body; returns how many.
	 */
	int handOver(long fromAccountId, long toAccountId);

}
