package jp.renraku.confirmation;

/**
 * One line of a notice's results: a list, a category or an affiliation, over the
 * population {@link Results} counts.
 */
public record ResultGroup(String label, long sent, long confirmed, long answered) {

	public long confirmedPercent() {
		return Shares.percent(confirmed, sent);
	}

	public long answeredPercent() {
		return Shares.percent(answered, sent);
	}

}
