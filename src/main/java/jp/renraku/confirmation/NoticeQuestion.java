package jp.renraku.confirmation;

import java.util.List;

/**
 * One question a notice asks its recipients (Art. 5-2): single choice, multiple choice or
 * free text of at most {@code maxLength} characters.
 *
 * @param position 1 to {@value #MAX}, the order on the answer page
 */
public record NoticeQuestion(int position, Kind kind, String label, List<String> options, boolean required,
		int maxLength) {

	/** Questions a notice may ask. */
	public static final int MAX = 10;

	/** Choices of one question. */
	public static final int MAX_OPTIONS = 20;

	/** The longest free-text answer a question may allow. */
	public static final int MAX_TEXT = 1000;

	public enum Kind {

		SINGLE_CHOICE, MULTIPLE_CHOICE, TEXT

	}

	public boolean choice() {
		return kind != Kind.TEXT;
	}

	public boolean multiple() {
		return kind == Kind.MULTIPLE_CHOICE;
	}

	/** The request parameter of this question on the answer page. */
	public String parameter() {
		return "q" + position;
	}

}
