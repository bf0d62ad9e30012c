package jp.renraku.confirmation;

/** One line of a notice's results: a list, a category or an affiliation. */
public record ResultGroup(String label, long sent, long confirmed, long answered) {

	public long confirmedPercent() {
		return sent == 0 ? 0 : confirmed * 100 / sent;
	}

	public long answeredPercent() {
		return sent == 0 ? 0 : answered * 100 / sent;
	}

}
