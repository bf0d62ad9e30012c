package jp.renraku.confirmation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jp.renraku.common.MultiLine;
import org.jspecify.annotations.Nullable;

/**
 * What a recipient sent on the answer page, read against the notice's questions: the
 * values per question (blank ones dropped, free text stripped), what is wrong with them
 * (message keys by position) and the answers to store. The answer page and the short path
 * of {@link ConfirmButtonFilter} read answers the same way.
 *
 * @param given the values by question position, as the page shows them again
 * @param errors message keys by question position; empty when all is well
 * @param answers what is stored when there are no errors
 */
record AnswerSheet(Map<Integer, List<String>> given, Map<Integer, String> errors, List<Receipts.Answer> answers) {

	/** Reads the values of each question from the request's parameters. */
	static AnswerSheet read(List<NoticeQuestion> questions, Function<String, String @Nullable []> parameters) {
		Map<Integer, List<String>> given = new LinkedHashMap<>();
		Map<Integer, String> errors = new LinkedHashMap<>();
		List<Receipts.Answer> answers = new ArrayList<>();
		for (NoticeQuestion question : questions) {
			List<String> values = values(parameters.apply(question.parameter()), question);
			given.put(question.position(), values);
			String error = check(question, values);
			if (error != null) {
				errors.put(question.position(), error);
			}
			values.forEach(value -> answers.add(new Receipts.Answer(question.position(), value)));
		}
		return new AnswerSheet(given, errors, answers);
	}

	boolean valid() {
		return errors.isEmpty();
	}

	private static List<String> values(String @Nullable [] sent, NoticeQuestion question) {
		if (sent == null) {
			return List.of();
		}
		return Arrays.stream(sent)
			.map(value -> question.choice() ? value : value.strip().replace("\r\n", "\n"))
			.filter(value -> !value.isBlank())
			.distinct()
			.toList();
	}

	/** The message key of what is wrong with the values, or null. */
	private static @Nullable String check(NoticeQuestion question, List<String> values) {
		if (values.isEmpty()) {
			return question.required() ? "receipt.error.required" : null;
		}
		if (question.choice()) {
			if (!question.options().containsAll(values)) {
				return "receipt.error.unknownChoice";
			}
			return !question.multiple() && values.size() > 1 ? "receipt.error.oneChoice" : null;
		}
		if (values.size() > 1) {
			return "receipt.error.oneText";
		}
		return MultiLine.Validator.fits(values.get(0), question.maxLength()) ? null : "receipt.error.textLength";
	}

}
