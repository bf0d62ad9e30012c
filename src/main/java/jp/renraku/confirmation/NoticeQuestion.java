package jp.renraku.confirmation;

import java.util.List;

/**
 * One question a notice asks its recipients (Art. 5-2): single choice, multiple choice or
 * free text of at most {@code maxLength} characters.
 *
 * @param position 1 to {@value #MAX}, the order on the answer page
 */
public record NoticeQuestion(int position, Kind kind, String label, List<String> options, boolean required,
		int maxLength, List<String> shownOptions) {

	public NoticeQuestion {
		shownOptions = shownOptions.size() == options.size() ? List.copyOf(shownOptions) : List.copyOf(options);
	}

	public NoticeQuestion(int position, Kind kind, String label, List<String> options, boolean required,
			int maxLength) {
		this(position, kind, label, options, required, maxLength, options);
	}

	/**
	 * The question as a reader of another language sees it: its label and choices in that
	 * language (issue 19); the choices' values, what is stored and counted, stay the
	 * Japanese ones.
	 */
	public NoticeQuestion worded(String label, List<String> shown) {
		return new NoticeQuestion(position, kind, label, options, required, maxLength,
				shown.size() == options.size() ? shown : options);
	}

	/** The choice as the reader sees it. */
	public String shown(String option) {
		int index = options.indexOf(option);
		return index < 0 ? option : shownOptions.get(index);
	}

	/** The choices (or a text answer) as the reader sees them. */
	public List<String> shown(List<String> answers) {
		return answers.stream().map(this::shown).toList();
	}

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
