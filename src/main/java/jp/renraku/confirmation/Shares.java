package jp.renraku.confirmation;

/**
 * The one rule for every rate of a notice's results: a whole-number percentage of a part
 * of the same population, 0 of nobody and never above 100 (the queries count part and
 * whole over the same deliveries; the bound keeps a figure read a moment apart honest).
 */
final class Shares {

	private Shares() {
	}

	static long percent(long part, long whole) {
		if (whole <= 0 || part <= 0) {
			return 0;
		}
		return Math.min(100, part * 100 / whole);
	}

}
