package jp.renraku.notice;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The messages a city sends in a hurry (issue 19), ready in every language Renraku
 * speaks: the texts are the messages {@code emergency.NAME.subject} and
 * {@code emergency.NAME.body} of each resident bundle, with the slots ({@code {area}},
 * {@code {time}} …) a sender fills once for all languages. Safety checks and assemblies
 * ask their question set, worded in each language by {@code notice.preset.*}.
 */
enum EmergencyTemplate {

	/** 避難指示. */
	EVACUATION_ORDER("evacuationOrder", true, null, Slot.AREA, Slot.TIME, Slot.SHELTER),

	/** 高齢者等避難. */
	ELDERLY_EVACUATION("elderlyEvacuation", true, null, Slot.AREA, Slot.TIME, Slot.SHELTER),

	/** 避難所開設. */
	SHELTER_OPEN("shelterOpen", true, null, Slot.AREA, Slot.TIME, Slot.SHELTER),

	/** 休校. */
	SCHOOL_CLOSED("schoolClosed", false, null, Slot.SCHOOL, Slot.DAY, Slot.REASON),

	/** 断水. */
	WATER_OUTAGE("waterOutage", false, null, Slot.AREA, Slot.TIME, Slot.PLACE),

	/** 安否確認. */
	SAFETY_CHECK("safetyCheck", true, QuestionPreset.SAFETY, Slot.DISASTER, Slot.TIME),

	/** 集合. */
	ASSEMBLY("assembly", false, QuestionPreset.ATTENDANCE, Slot.PLACE, Slot.TIME, Slot.ITEMS);

	/** What a sender fills in: a name or a few words, a date and time, or a day. */
	enum Slot {

		AREA("area", Kind.TEXT), TIME("time", Kind.WHEN), DAY("day", Kind.DAY), SHELTER("shelter", Kind.TEXT),
		SCHOOL("school", Kind.TEXT), REASON("reason", Kind.TEXT), PLACE("place", Kind.TEXT),
		DISASTER("disaster", Kind.TEXT), ITEMS("items", Kind.TEXT);

		enum Kind {

			TEXT, WHEN, DAY

		}

		private final String token;

		private final Kind kind;

		Slot(String token, Kind kind) {
			this.token = token;
			this.kind = kind;
		}

		/** The slot as the texts write it: {@code {area}}. */
		String marker() {
			return "{" + this.token + "}";
		}

		/** The form field and message key part. */
		public String token() {
			return this.token;
		}

		public Kind kind() {
			return this.kind;
		}

	}

	private final String key;

	private final boolean emergency;

	private final @Nullable QuestionPreset questions;

	private final List<Slot> slots;

	EmergencyTemplate(String key, boolean emergency, @Nullable QuestionPreset questions, Slot... slots) {
		this.key = key;
		this.emergency = emergency;
		this.questions = questions;
		this.slots = List.of(slots);
	}

	/** The message key part, and the address of its page. */
	public String key() {
		return this.key;
	}

	boolean emergency() {
		return this.emergency;
	}

	@Nullable QuestionPreset questions() {
		return this.questions;
	}

	public List<Slot> slots() {
		return this.slots;
	}

	/** The template of that page address; {@code null} for none. */
	static @Nullable EmergencyTemplate of(String key) {
		for (EmergencyTemplate template : values()) {
			if (template.key.equals(key)) {
				return template;
			}
		}
		return null;
	}

}
