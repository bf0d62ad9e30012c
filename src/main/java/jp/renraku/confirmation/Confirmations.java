package jp.renraku.confirmation;

/**
 * How many of a notice's recipients confirmed receipt, of the same population the results
 * count: the sent deliveries whose registrant still exists (see {@link Results}).
 *
 * @param confirmed confirmations of those deliveries
 * @param sent those deliveries
 */
public record Confirmations(long confirmed, long sent) {

	public long percent() {
		return Shares.percent(confirmed, sent);
	}

}
