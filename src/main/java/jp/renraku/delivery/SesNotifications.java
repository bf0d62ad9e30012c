package jp.renraku.delivery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Amazon SES's bounce and complaint notifications, as its SNS topic mails them (JSON).
 */
final class SesNotifications {

	/** A string field of Amazon SES's JSON notification. */
	private static final Pattern SES_FIELD = Pattern.compile(
			"\"(notificationType|bounceType|bounceSubType|status|action|diagnosticCode|complaintFeedbackType)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private SesNotifications() {
	}

	/**
	 * Amazon SES's bounce or complaint notification, as its SNS topic mails it: JSON with
	 * the recipient's status, action and diagnostic code.
	 */
	static Optional<BounceParser.Report> read(String token, String key, String text, @Nullable String reporter,
			String subject, String addressMask) {
		String json = text.replace("\\\"", "\"").replace("\\n", "\n");
		Matcher type = SES_FIELD.matcher(json);
		Map<String, String> fields = new LinkedHashMap<>();
		while (type.find()) {
			fields.putIfAbsent(type.group(1).toLowerCase(Locale.ROOT), type.group(2));
		}
		String kind = fields.get("notificationtype");
		if ("Complaint".equals(kind)) {
			return Optional.of(new BounceParser.Report(token, key,
					new BounceEvidence(BounceEvidence.Format.FEEDBACK, null,
							BounceParser.shortened(fields.get("complaintfeedbacktype"), addressMask, 100), null, null,
							reporter, BounceParser.shortened(subject, addressMask, 200), null)));
		}
		if (!"Bounce".equals(kind)) {
			return Optional.empty();
		}
		String diagnostic = fields.get("diagnosticcode");
		if (diagnostic != null) {
			diagnostic = diagnostic.replaceFirst("(?i)^\\s*smtp\\s*;\\s*", "");
		}
		String words = fields.get("bouncetype") + " " + fields.get("bouncesubtype");
		return Optional.of(new BounceParser.Report(token, key, new BounceEvidence(BounceEvidence.Format.DSN,
				BounceParser.shortened(fields.get("status"), addressMask, 20),
				BounceParser.shortened(diagnostic, addressMask, 1000), SmtpDialogue.command(diagnostic),
				BounceParser.shortened(fields.get("action"), addressMask, 20), reporter,
				BounceParser.shortened(subject, addressMask, 200), BounceParser.shortened(words, addressMask, 1500))));
	}

}
