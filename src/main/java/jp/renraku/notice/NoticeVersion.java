package jp.renraku.notice;

import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;

/**
 * A notice in one further language (issue 19): its subject and text, and the wording of
 * its questions there by position — the label and the choices in the Japanese order.
 */
public record NoticeVersion(Language language, String subject, String text, Map<Integer, QuestionWording> questions) {

	/** A question's label and choices in the version's language. */
	record QuestionWording(String label, List<String> options) {
	}

	public NoticeVersion {
		questions = Map.copyOf(questions);
	}

	/** The wording of the question at that position, if the version has one. */
	QuestionWording question(int position) {
		return questions.get(position);
	}

}
