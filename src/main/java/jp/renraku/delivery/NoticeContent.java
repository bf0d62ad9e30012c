package jp.renraku.delivery;

import java.util.Map;

import jp.renraku.common.Language;

/**
 * A notice as the engine renders it for each recipient: its Japanese text and the
 * versions in other languages a sender added (issue 19). Which version a recipient gets
 * was decided at release, for all recipients in one statement; the engine takes it with
 * {@link #in(Language)}.
 *
 * @param subject subject line; may hold placeholders
 * @param text plain-text body; may hold placeholders
 * @param emergency sent before every routine notice
 * @param askConfirmation each mail carries its personal confirmation link
 * @param trackOpens each mail (except those sent as ISO-2022-JP) carries an HTML part
 * with an image whose loading records the opening
 * @param language the language of this subject and text
 * @param versions the subject and text in each further language
 */
public record NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation, boolean trackOpens,
		Language language, Map<Language, Version> versions) {

	/** A notice's subject and text in one further language. */
	public record Version(String subject, String text) {
	}

	public NoticeContent {
		versions = Map.copyOf(versions);
	}

	public NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation, boolean trackOpens) {
		this(subject, text, emergency, askConfirmation, trackOpens, Language.JA, Map.of());
	}

	public NoticeContent(String subject, String text, boolean emergency) {
		this(subject, text, emergency, false, false);
	}

	/** The version in that language; this one if the notice has none in it. */
	public NoticeContent in(Language version) {
		Version other = version == this.language ? null : this.versions.get(version);
		if (other == null) {
			return this;
		}
		return new NoticeContent(other.subject(), other.text(), this.emergency, this.askConfirmation, this.trackOpens,
				version, Map.of());
	}

}
