package jp.renraku.common;

import org.jspecify.annotations.Nullable;

/**
 * Who a resident's mail is from, as they should recognise it: the name shown as the
 * sender (the body's, or its list's), the body's own From address where the operator
 * allows one, the tag put before the subject (【○○小学校】), and where to ask.
 *
 * @param fromAddress the body's From address; {@code null}: the installation's
 * @param subjectTag the list's subject tag, without brackets; {@code null}: none
 */
public record Sender(String displayName, @Nullable String fromAddress, @Nullable String subjectTag, Contact contact) {

	/** The subject as the resident reads it: with the tag in front, once. */
	public String tagged(String subject) {
		if (subjectTag == null || subjectTag.isBlank()) {
			return subject;
		}
		String tag = "【" + subjectTag.strip() + "】";
		return subject.startsWith(tag) ? subject : tag + subject;
	}

}
