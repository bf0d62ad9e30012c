package jp.renraku.notice;

import java.util.List;

import jakarta.validation.constraints.Size;
import jp.renraku.common.SingleLine;
import jp.renraku.confirmation.NoticeQuestion;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;

/** One question slot of the page. */
public class QuestionForm {

	@Size(max = 200, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String label;

	private NoticeQuestion.Kind kind = NoticeQuestion.Kind.SINGLE_CHOICE;

	private boolean required;

	/** Choices, one per line. */
	@Size(max = 2000, message = "{validation.maxLength}")
	private @Nullable String options;

	@Range(min = 1, max = NoticeQuestion.MAX_TEXT, message = "{validation.range}")
	private int maxLength = 200;

	static QuestionForm of(NoticeQuestion question) {
		QuestionForm form = new QuestionForm();
		form.label = question.label();
		form.kind = question.kind();
		form.required = question.required();
		form.options = String.join("\n", question.options());
		form.maxLength = question.maxLength();
		return form;
	}

	boolean blank() {
		return label == null || label.isBlank();
	}

	List<String> optionLines() {
		return options == null ? List.of()
				: options.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	NoticeQuestion toQuestion(int position) {
		return new NoticeQuestion(position, kind, label == null ? "" : label.strip(),
				kind == NoticeQuestion.Kind.TEXT ? List.of() : optionLines(), required, maxLength);
	}

	public @Nullable String getLabel() {
		return label;
	}

	public void setLabel(@Nullable String label) {
		this.label = label;
	}

	public NoticeQuestion.Kind getKind() {
		return kind;
	}

	public void setKind(NoticeQuestion.@Nullable Kind kind) {
		this.kind = kind == null ? NoticeQuestion.Kind.SINGLE_CHOICE : kind;
	}

	public boolean isRequired() {
		return required;
	}

	public void setRequired(boolean required) {
		this.required = required;
	}

	public @Nullable String getOptions() {
		return options;
	}

	public void setOptions(@Nullable String options) {
		this.options = options;
	}

	public int getMaxLength() {
		return maxLength;
	}

	public void setMaxLength(int maxLength) {
		this.maxLength = maxLength;
	}

}
