package jp.renraku.registration;

/**
 * The purpose as the printed guide has room for it, so that the guide keeps to one A4
 * page whatever a list wrote; the registration page shows it whole. Room is counted in
 * printed lines of {@value #LINE} full-width characters (186 mm at 10.5 pt; half-width
 * characters take less, so the count is on the safe side), {@value #LINES} of them.
 *
 * @param text what the guide prints
 * @param cut whether it ends with an ellipsis; the guide then says where the rest is
 */
record GuideText(String text, boolean cut) {

	static final int LINE = 50;

	static final int LINES = 6;

	/**
	 * Room kept on the last line for the note that the rest is on the registration page.
	 */
	private static final int NOTE = 20;

	static GuideText purpose(String purpose) {
		String[] lines = purpose.split("\r\n|\n", -1);
		if (cells(lines) <= LINE * LINES) {
			return new GuideText(purpose, false);
		}
		int room = LINE * LINES - NOTE;
		StringBuilder kept = new StringBuilder();
		for (String line : lines) {
			int length = line.codePointCount(0, line.length());
			int cells = Math.max(1, (length + LINE - 1) / LINE) * LINE;
			if (cells > room) {
				// the line that does not fit: as much of it as there is room for
				kept.append(line, 0, line.offsetByCodePoints(0, Math.min(length, Math.max(0, room))));
				break;
			}
			kept.append(line).append('\n');
			room -= cells;
		}
		return new GuideText(kept.toString().stripTrailing() + "\u2026", true);
	}

	/** The printed lines the text takes, in characters: every line takes whole lines. */
	private static int cells(String[] lines) {
		int cells = 0;
		for (String line : lines) {
			cells += Math.max(1, (line.codePointCount(0, line.length()) + LINE - 1) / LINE) * LINE;
		}
		return cells;
	}

}
