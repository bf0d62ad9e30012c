package jp.renraku.common;

/**
 * Cells of the CSV files staff open in Excel: registrant lists and notice results.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/**
	 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return
	 * first) gets a leading apostrophe, which Excel shows as text and never runs.
	 */
	public static String neutralised(String value) {
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}

	/** Undoes {@link #neutralised(String)} when a file comes back. */
	public static String restored(String value) {
		if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0) {
			return value.substring(1);
		}
		return value;
	}

}
