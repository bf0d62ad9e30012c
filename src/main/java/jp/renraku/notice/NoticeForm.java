package jp.renraku.notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * A notice as the sender types it.
 */
class NoticeForm {

	@NotBlank(message = "{validation.required}")
	@Size(max = 200, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String subject;

	@NotBlank(message = "{validation.required}")
	@Size(max = 20000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String text;

	private boolean emergency;

	/** Ask each recipient to confirm receipt (Art. 5-2). */
	private boolean askConfirmation;

	@NotEmpty(message = "{notice.error.noList}")
	private List<Long> listIds = new ArrayList<>();

	private List<Long> categoryIds = new ArrayList<>();

	private List<String> affiliations = new ArrayList<>();

	/** Chosen answers of the lists' choice questions, each as "question id:answer". */
	private List<String> answerChoices = new ArrayList<>();

	static NoticeForm of(Notice notice) {
		NoticeForm form = new NoticeForm();
		form.subject = notice.subject();
		form.text = notice.text();
		form.emergency = notice.emergency();
		form.askConfirmation = notice.askConfirmation();
		form.listIds = new ArrayList<>(notice.listIds());
		form.categoryIds = new ArrayList<>(notice.categoryIds());
		form.affiliations = new ArrayList<>(notice.affiliations());
		notice.answers()
			.forEach((field, answers) -> answers.forEach(answer -> form.answerChoices.add(choice(field, answer))));
		return form;
	}

	NoticeDraft toDraft() {
		return new NoticeDraft(subject == null ? "" : subject, text == null ? "" : text, emergency,
				List.copyOf(listIds), List.copyOf(categoryIds), List.copyOf(affiliations), answers(), askConfirmation);
	}

	/** The value of one answer's checkbox. */
	static String choice(long fieldId, String answer) {
		return fieldId + ":" + answer;
	}

	/** The chosen answers by question; values not of the form "id:answer" are ignored. */
	private Map<Long, List<String>> answers() {
		Map<Long, List<String>> answers = new LinkedHashMap<>();
		for (String choice : answerChoices) {
			int colon = choice == null ? -1 : choice.indexOf(':');
			if (colon > 0 && choice.substring(0, colon).chars().allMatch(Character::isDigit) && colon < 19) {
				answers.computeIfAbsent(Long.valueOf(choice.substring(0, colon)), k -> new ArrayList<>())
					.add(choice.substring(colon + 1));
			}
		}
		return answers;
	}

	public List<String> getAnswerChoices() {
		return answerChoices;
	}

	public void setAnswerChoices(List<String> answerChoices) {
		this.answerChoices = answerChoices;
	}

	public @Nullable String getSubject() {
		return subject;
	}

	public void setSubject(@Nullable String subject) {
		this.subject = subject == null ? null : subject.strip();
	}

	public @Nullable String getText() {
		return text;
	}

	public void setText(@Nullable String text) {
		this.text = text;
	}

	public boolean isAskConfirmation() {
		return askConfirmation;
	}

	public void setAskConfirmation(boolean askConfirmation) {
		this.askConfirmation = askConfirmation;
	}

	public boolean isEmergency() {
		return emergency;
	}

	public void setEmergency(boolean emergency) {
		this.emergency = emergency;
	}

	public List<Long> getListIds() {
		return listIds;
	}

	public void setListIds(List<Long> listIds) {
		this.listIds = listIds;
	}

	public List<String> getAffiliations() {
		return affiliations;
	}

	public void setAffiliations(List<String> affiliations) {
		this.affiliations = affiliations;
	}

	public List<Long> getCategoryIds() {
		return categoryIds;
	}

	public void setCategoryIds(List<Long> categoryIds) {
		this.categoryIds = categoryIds;
	}

}
