package jp.renraku.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.renraku.common.CityTime;
import jp.renraku.common.Language;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.NoticeQuestion;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a draft notice from a ready-made emergency message (issue 19): the Japanese
 * notice and a version in every other language, each with the slots filled — names as
 * typed, the date and time in each language's own way — and, for a safety check or an
 * assembly, its questions worded in each language. The sender then picks the lists and
 * sends.
 */
@Service
class EmergencyDrafts {

	/** What the sender typed in the slots: text, or an instant, or a day. */
	record Filled(Map<EmergencyTemplate.Slot, String> texts, Map<EmergencyTemplate.Slot, Instant> times,
			Map<EmergencyTemplate.Slot, LocalDate> days) {
	}

	private final NoticeManagement management;

	private final NoticeVersions versions;

	private final MessageSource messages;

	private final CityTime cityTime;

	EmergencyDrafts(NoticeManagement management, NoticeVersions versions, MessageSource messages, CityTime cityTime) {
		this.management = management;
		this.versions = versions;
		this.messages = messages;
		this.cityTime = cityTime;
	}

	/** The subject or text of the template in a language, with the slots filled. */
	String text(EmergencyTemplate template, String part, Language language, Filled filled) {
		Locale locale = language.locale();
		String text = messages.getMessage("emergency." + template.key() + "." + part, null, locale);
		for (EmergencyTemplate.Slot slot : template.slots()) {
			String value = switch (slot.kind()) {
				case TEXT -> filled.texts().getOrDefault(slot, "");
				case WHEN -> cityTime.format(filled.times().get(slot), locale);
				case DAY -> cityTime.day(filled.days().get(slot), locale);
			};
			text = text.replace(slot.marker(), value);
		}
		return text;
	}

	/** Creates the draft with its versions; returns its id. */
	@Transactional
	long create(Staff staff, EmergencyTemplate template, Filled filled) {
		QuestionPreset preset = template.questions();
		List<NoticeQuestion> questions = preset == null ? List.of() : preset.content(messages).questions();
		long id = management.create(staff,
				new NoticeDraft(text(template, "subject", Language.JA, filled),
						text(template, "body", Language.JA, filled), template.emergency(), List.of(), List.of(),
						List.of(), Map.of(), preset != null, questions, null, 0, null, false));
		for (Language language : Language.values()) {
			if (language == Language.JA) {
				continue;
			}
			Map<Integer, NoticeVersion.QuestionWording> wording = new HashMap<>();
			if (preset != null) {
				for (NoticeQuestion question : preset.content(messages, language.locale()).questions()) {
					wording.put(question.position(),
							new NoticeVersion.QuestionWording(question.label(), question.options()));
				}
			}
			versions.save(id, new NoticeVersion(language, text(template, "subject", language, filled),
					text(template, "body", language, filled), wording));
		}
		return id;
	}

}
