package jp.renraku.delivery;

import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
import org.jspecify.annotations.Nullable;

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
 * @param files the files the notice carries, each sent as a personal link (issue 20)
 */
public record NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation, boolean trackOpens,
		Language language, Map<Language, Version> versions, List<File> files) {

	/** A notice's subject and text in one further language. */
	public record Version(String subject, String text) {
	}

	/**
	 * A file the notice carries, as its mail names it.
	 *
	 * @param id the id its link names
	 * @param name its name
	 * @param type its kind, as shown: PDF, JPEG, PNG
	 * @param size its size, as shown: 820 KB
	 * @param mediaType its MIME type
	 * @param mailed its bytes when the body chose to attach the files to the mail of
	 * recipients who are not on a carrier's phone; {@code null} for a link only
	 */
	public record File(long id, String name, String type, String size, String mediaType, byte @Nullable [] mailed) {

		public File(long id, String name, String type, String size) {
			this(id, name, type, size, "application/octet-stream", null);
		}

	}

	public NoticeContent {
		versions = Map.copyOf(versions);
		files = List.copyOf(files);
	}

	public NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation, boolean trackOpens,
			Language language, Map<Language, Version> versions) {
		this(subject, text, emergency, askConfirmation, trackOpens, language, versions, List.of());
	}

	public NoticeContent(String subject, String text, boolean emergency, boolean askConfirmation, boolean trackOpens) {
		this(subject, text, emergency, askConfirmation, trackOpens, Language.JA, Map.of());
	}

	public NoticeContent(String subject, String text, boolean emergency) {
		this(subject, text, emergency, false, false);
	}

	/** This content carrying these files. */
	public NoticeContent withFiles(List<File> files) {
		return new NoticeContent(subject, text, emergency, askConfirmation, trackOpens, language, versions, files);
	}

	/** The version in that language; this one if the notice has none in it. */
	public NoticeContent in(Language version) {
		Version other = version == this.language ? null : this.versions.get(version);
		if (other == null) {
			return this;
		}
		return new NoticeContent(other.subject(), other.text(), this.emergency, this.askConfirmation, this.trackOpens,
				version, Map.of(), this.files);
	}

}
