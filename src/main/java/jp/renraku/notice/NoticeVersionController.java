package jp.renraku.notice;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jp.renraku.common.Language;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.delivery.Placeholders;
import org.springframework.mail.MailException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A draft notice's version in one further language (issue 19): its subject and text, and
 * each question's label and choices, beside the Japanese it translates.
 */
@Controller
@RequestMapping("/notices/{noticeId}/versions/{code}")
class NoticeVersionController {

	private static final String VIEW = "notice/version";

	private final NoticeManagement notices;

	private final NoticeTranslations translations;

	NoticeVersionController(NoticeManagement notices, NoticeTranslations translations) {
		this.notices = notices;
		this.translations = translations;
	}

	/** A language of a version: any but Japanese, which is the notice itself. */
	private static Language language(String code) {
		return Language.ofCode(code)
			.filter(language -> language != Language.JA)
			.orElseThrow(() -> new NotFoundException("language"));
	}

	@GetMapping
	String show(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @PathVariable String code,
			Model model) {
		Language language = language(code);
		Notice notice = notices.notice(staff, noticeId);
		NoticeVersion version = translations.of(staff, noticeId).get(language);
		model.addAttribute("saved", version != null);
		return view(notice, language,
				version == null ? NoticeVersionForm.empty(notice) : NoticeVersionForm.of(notice, version), Map.of(),
				model);
	}

	@PostMapping
	String save(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @PathVariable String code,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Language language = language(code);
		Notice notice = notices.notice(staff, noticeId);
		NoticeVersionForm form = NoticeVersionForm.read(notice, request);
		Map<String, String> errors = form.errors(notice);
		if (!errors.isEmpty()) {
			return view(notice, language, form, errors, model);
		}
		translations.save(staff, noticeId, form.toVersion(language));
		redirect.addFlashAttribute("flashMessage", "notice.version.saved");
		return "redirect:/notices/" + noticeId;
	}

	@PostMapping("/test")
	String testSend(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @PathVariable String code,
			RedirectAttributes redirect) {
		try {
			translations.testSend(staff, noticeId, language(code));
			redirect.addFlashAttribute("flashMessage", "notice.testSent");
		}
		catch (MailException ex) {
			// the relay did not take it: the page says so, nothing else changed
			redirect.addFlashAttribute("flashError", "notice.error.mail");
		}
		return "redirect:/notices/" + noticeId + "/versions/" + code;
	}

	@PostMapping("/delete")
	String delete(@AuthenticationPrincipal Staff staff, @PathVariable long noticeId, @PathVariable String code,
			RedirectAttributes redirect) {
		translations.delete(staff, noticeId, language(code));
		redirect.addFlashAttribute("flashMessage", "notice.version.deleted");
		return "redirect:/notices/" + noticeId;
	}

	private static String view(Notice notice, Language language, NoticeVersionForm form, Map<String, String> errors,
			Model model) {
		model.addAttribute("notice", notice);
		model.addAttribute("language", language);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("placeholderName", Placeholders.NAME);
		model.addAttribute("placeholderLink", Placeholders.MANAGE_LINK);
		return VIEW;
	}

	/**
	 * What the sender typed: the subject, the text and, by question position, the label
	 * and the choices (one per line).
	 */
	record NoticeVersionForm(String subject, String text, Map<Integer, String> labels, Map<Integer, String> options) {

		static NoticeVersionForm empty(Notice notice) {
			return new NoticeVersionForm("", "", Map.of(), Map.of());
		}

		static NoticeVersionForm of(Notice notice, NoticeVersion version) {
			Map<Integer, String> labels = new HashMap<>();
			Map<Integer, String> options = new HashMap<>();
			version.questions().forEach((position, wording) -> {
				labels.put(position, wording.label());
				options.put(position, String.join("\n", wording.options()));
			});
			return new NoticeVersionForm(version.subject(), version.text(), labels, options);
		}

		static NoticeVersionForm read(Notice notice, HttpServletRequest request) {
			Map<Integer, String> labels = new HashMap<>();
			Map<Integer, String> options = new HashMap<>();
			for (NoticeQuestion question : notice.questions()) {
				labels.put(question.position(), value(request, "label" + question.position()));
				options.put(question.position(), value(request, "options" + question.position()));
			}
			return new NoticeVersionForm(value(request, "subject"), value(request, "text"), labels, options);
		}

		private static String value(HttpServletRequest request, String name) {
			String value = request.getParameter(name);
			return value == null ? "" : value.strip();
		}

		/** What is wrong, by field, as message keys; empty when it can be saved. */
		Map<String, String> errors(Notice notice) {
			Map<String, String> errors = new LinkedHashMap<>();
			if (subject.isBlank()) {
				errors.put("subject", "validation.required");
			}
			else if (subject.length() > 200 || subject.chars().anyMatch(Character::isISOControl)) {
				errors.put("subject", "notice.version.error.subject");
			}
			if (text.isBlank()) {
				errors.put("text", "validation.required");
			}
			else if (text.length() > 20_000) {
				errors.put("text", "notice.version.error.text");
			}
			for (NoticeQuestion question : notice.questions()) {
				String label = labels.getOrDefault(question.position(), "");
				List<String> shown = lines(options.getOrDefault(question.position(), ""));
				if (label.length() > 200 || label.chars().anyMatch(Character::isISOControl)) {
					errors.put("label" + question.position(), "notice.version.error.label");
				}
				else if (label.isBlank() && !shown.isEmpty()) {
					errors.put("label" + question.position(), "notice.version.error.labelMissing");
				}
				if (question.choice() && !label.isBlank() && shown.size() != question.options().size()) {
					errors.put("options" + question.position(), "notice.version.error.options");
				}
				else if (shown.stream().anyMatch(option -> option.length() > 200)) {
					errors.put("options" + question.position(), "notice.version.error.options");
				}
			}
			return errors;
		}

		private static List<String> lines(String text) {
			return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
		}

		/** The version; a question left blank keeps its Japanese wording. */
		NoticeVersion toVersion(Language language) {
			Map<Integer, NoticeVersion.QuestionWording> questions = new HashMap<>();
			labels.forEach((position, label) -> {
				if (!label.isBlank()) {
					questions.put(position,
							new NoticeVersion.QuestionWording(label, lines(options.getOrDefault(position, ""))));
				}
			});
			return new NoticeVersion(language, subject, text.replace("\r\n", "\n"), questions);
		}

	}

}
