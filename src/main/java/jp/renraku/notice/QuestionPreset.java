package jp.renraku.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.confirmation.NoticeQuestion.Kind;
import org.springframework.context.MessageSource;

/**
 * Ready-made notices for the common cases of Art. 5-2: safety confirmation after a
 * disaster, attendance, and staff mustering. The sender changes what they need before
 * sending. The texts are message keys {@code notice.preset.NAME.*}, in every resident
 * language (a city can change them in its override file); here only the shape of each
 * question.
 */
enum QuestionPreset {

	/** 安否確認. */
	SAFETY(true, question(Kind.SINGLE_CHOICE, true), question(Kind.SINGLE_CHOICE, false), question(Kind.TEXT, false)),

	/** 出欠. */
	ATTENDANCE(false, question(Kind.SINGLE_CHOICE, true), question(Kind.TEXT, false)),

	/** 職員参集. */
	MUSTER(true, question(Kind.SINGLE_CHOICE, true), question(Kind.SINGLE_CHOICE, false), question(Kind.TEXT, false));

	/** The shape of one ready-made question. */
	private record Shape(Kind kind, boolean required) {
	}

	/** What a preset fills the form with. */
	record Content(String subject, String text, boolean emergency, List<NoticeQuestion> questions) {
	}

	private static final int MAX_LENGTH = 200;

	private final boolean emergency;

	private final List<Shape> shapes;

	QuestionPreset(boolean emergency, Shape... shapes) {
		this.emergency = emergency;
		this.shapes = List.of(shapes);
	}

	private static Shape question(Kind kind, boolean required) {
		return new Shape(kind, required);
	}

	/** The subject, text and questions, in Japanese. */
	Content content(MessageSource messages) {
		return content(messages, Locale.JAPANESE);
	}

	/**
	 * The subject, text and questions in the language of the locale (issue 19: a safety
	 * check's questions in each version of a multilingual notice).
	 */
	Content content(MessageSource messages, Locale locale) {
		String key = "notice.preset." + name();
		List<NoticeQuestion> questions = new ArrayList<>();
		for (int i = 0; i < shapes.size(); i++) {
			Shape shape = shapes.get(i);
			String question = key + ".q" + (i + 1);
			List<String> options = shape.kind() == Kind.TEXT ? List.of()
					: messages.getMessage(question + ".options", null, locale).lines().toList();
			questions.add(new NoticeQuestion(i + 1, shape.kind(), messages.getMessage(question, null, locale), options,
					shape.required(), MAX_LENGTH));
		}
		return new Content(messages.getMessage(key + ".subject", null, locale),
				messages.getMessage(key + ".text", null, locale), emergency, questions);
	}

}
