package jp.renraku.notice;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import jp.renraku.confirmation.NoticeQuestion;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

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

	/** Record openings with an image (unreliable: many mail programs block images). */
	private boolean trackOpens;

	/** Ask each recipient to confirm receipt (Art. 5-2). */
	private boolean askConfirmation;

	/** Not needed by a reminder, which goes to those who have not answered. */
	private List<Long> listIds = new ArrayList<>();

	private List<Long> categoryIds = new ArrayList<>();

	private List<String> affiliations = new ArrayList<>();

	/** Chosen answers of the lists' choice questions, each as "question id:answer". */
	private List<String> answerChoices = new ArrayList<>();

	/** Questions to the recipients; a slot whose text is blank is not a question. */
	@Valid
	private List<QuestionForm> questions = new ArrayList<>();

	/**
	 * Answers accepted until then (city time); none: the default period after release.
	 */
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private @Nullable LocalDateTime answerDeadline;

	/** Automatic reminders: how many (0 to 3) ... */
	@Range(min = 0, max = 3, message = "{validation.range}")
	private int autoRemindTimes;

	/** ... and how many minutes apart, counted from the release. */
	@Range(min = 10, max = 1440, message = "{validation.range}")
	private int autoRemindMinutes = 30;

	static NoticeForm of(Notice notice, ZoneId zone) {
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
		form.questions = new ArrayList<>(notice.questions().stream().map(QuestionForm::of).toList());
		form.answerDeadline = notice.answerDeadline() == null ? null
				: LocalDateTime.ofInstant(notice.answerDeadline(), zone);
		form.autoRemindTimes = notice.autoRemindTimes();
		form.trackOpens = notice.trackOpens();
		if (notice.autoRemindMinutes() != null) {
			form.autoRemindMinutes = notice.autoRemindMinutes();
		}
		return form;
	}

	/** Puts a ready-made set of questions in place of the ones typed. */
	void apply(QuestionPreset.Content preset) {
		questions = new ArrayList<>(preset.questions().stream().map(QuestionForm::of).toList());
		askConfirmation = true;
	}

	/** Starts a new notice from a ready-made set: subject, text and questions. */
	static NoticeForm of(QuestionPreset.Content preset) {
		NoticeForm form = new NoticeForm();
		form.subject = preset.subject();
		form.text = preset.text();
		form.emergency = preset.emergency();
		form.apply(preset);
		return form;
	}

	/** One more empty question slot on the page, up to the limit. */
	void addSlot() {
		if (questions.size() < NoticeQuestion.MAX) {
			questions.add(new QuestionForm());
		}
	}

	/**
	 * Checks the questions as a whole and puts each problem on its field. Bean validation
	 * has checked lengths and lines already.
	 */
	void validateQuestions(Errors errors) {
		int asked = 0;
		for (int i = 0; i < questions.size(); i++) {
			QuestionForm question = questions.get(i);
			String at = "questions[" + i + "].";
			if (question.blank()) {
				if (!question.optionLines().isEmpty()) {
					errors.rejectValue(at + "label", "notice.error.questionLabel");
				}
				continue;
			}
			asked++;
			if (question.getKind() != NoticeQuestion.Kind.TEXT) {
				List<String> options = question.optionLines();
				if (options.size() < 2 || options.size() > NoticeQuestion.MAX_OPTIONS) {
					errors.rejectValue(at + "options", "notice.error.questionOptions",
							new Object[] { NoticeQuestion.MAX_OPTIONS }, null);
				}
				else if (options.stream().anyMatch(o -> o.length() > 100)) {
					errors.rejectValue(at + "options", "notice.error.questionOptionLength", new Object[] { 100 }, null);
				}
				else if (options.stream().distinct().count() < options.size()) {
					errors.rejectValue(at + "options", "notice.error.questionOptionTwice");
				}
			}
		}
		if (asked > NoticeQuestion.MAX) {
			errors.reject("notice.error.tooManyQuestions", new Object[] { NoticeQuestion.MAX }, null);
		}
	}

	/** The questions typed, numbered from 1 in the order of the page. */
	List<NoticeQuestion> toQuestions() {
		List<NoticeQuestion> asked = new ArrayList<>();
		for (QuestionForm question : questions) {
			if (!question.blank() && asked.size() < NoticeQuestion.MAX) {
				asked.add(question.toQuestion(asked.size() + 1));
			}
		}
		return asked;
	}

	NoticeDraft toDraft(ZoneId zone) {
		List<NoticeQuestion> asked = toQuestions();
		return new NoticeDraft(subject == null ? "" : subject, text == null ? "" : text, emergency,
				List.copyOf(listIds), List.copyOf(categoryIds), List.copyOf(affiliations), answers(),
				askConfirmation || !asked.isEmpty(), asked,
				answerDeadline == null ? null : answerDeadline.atZone(zone).toInstant(), autoRemindTimes,
				autoRemindTimes > 0 ? autoRemindMinutes : null, trackOpens);
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

	public List<QuestionForm> getQuestions() {
		return questions;
	}

	public void setQuestions(List<QuestionForm> questions) {
		this.questions = questions;
	}

	public @Nullable LocalDateTime getAnswerDeadline() {
		return answerDeadline;
	}

	public void setAnswerDeadline(@Nullable LocalDateTime answerDeadline) {
		this.answerDeadline = answerDeadline;
	}

	public int getAutoRemindTimes() {
		return autoRemindTimes;
	}

	public void setAutoRemindTimes(int autoRemindTimes) {
		this.autoRemindTimes = autoRemindTimes;
	}

	public int getAutoRemindMinutes() {
		return autoRemindMinutes;
	}

	public void setAutoRemindMinutes(int autoRemindMinutes) {
		this.autoRemindMinutes = autoRemindMinutes;
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

	public boolean isTrackOpens() {
		return trackOpens;
	}

	public void setTrackOpens(boolean trackOpens) {
		this.trackOpens = trackOpens;
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
