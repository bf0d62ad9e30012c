package jp.renraku.delivery;

import org.jspecify.annotations.Nullable;

/**
 * What a bounce says, read out of the mail and kept with it (addresses masked), so that
 * its reason can be decided again by a later classifier without the mail.
 *
 * @param format how the bounce was written
 * @param status the enhanced status code (RFC 3463): the report's {@code Status:}, or the
 * first one the server wrote
 * @param diagnostic the remote server's reply ({@code Diagnostic-Code:}), or the server's
 * own lines that carry a code or the failure's wording
 * @param command the SMTP command the reply answered ({@code MAIL}, {@code RCPT},
 * {@code DATA}, {@code CONN}), when the bounce says
 * @param action the report's {@code Action:} ({@code failed}, {@code expired})
 * @param reporter the domain that wrote the bounce (its {@code From:})
 * @param subject the bounce's subject
 * @param text the server's own words (not the returned message), shortened
 */
record BounceEvidence(Format format, @Nullable String status, @Nullable String diagnostic, @Nullable String command,
		@Nullable String action, @Nullable String reporter, @Nullable String subject, @Nullable String text) {

	/** How a bounce is written. */
	enum Format {

		/** A delivery status notification (RFC 3464). */
		DSN,
		/** Only text: qmail, Exchange 2003, Japanese carriers' own notices. */
		TEXT,
		/** A feedback report (RFC 5965). */
		FEEDBACK,
		/** Not a bounce: an auto-reply or a person's mail. */
		REPLY

	}

}
