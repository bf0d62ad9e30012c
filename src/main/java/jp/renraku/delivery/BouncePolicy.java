package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jp.renraku.mail.MailInSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * When bounces stop an address: one whose reason proves the address is gone stops it at
 * once; those that count stop it when they came on {@code softBounceLimit} days within
 * {@code softBounceWindow} (a notice and its reminder meeting the same full mailbox are
 * one trouble, not two); the others never. The reasons are written for the operations
 * managers, who read Japanese.
 */
@Component
class BouncePolicy {

	private final MailInSettings settings;

	private final MessageSource messages;

	BouncePolicy(MailInSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	/** From when on bounces that count are counted, for a decision at {@code now}. */
	Instant windowStart(Instant now) {
		return now.minus(settings.softBounceWindow());
	}

	/**
	 * Why the address stops now, or null while it does not.
	 * @param counted when the bounces that count came within the window, oldest first
	 * (this one included)
	 */
	@Nullable String stopReason(BounceReason reason, @Nullable String status, @Nullable String diagnostic,
			List<Instant> counted) {
		String detail = ((status == null ? "" : status + " ") + (diagnostic == null ? "" : diagnostic)).strip();
		if (detail.length() > 200) {
			detail = detail.substring(0, 200) + "…";
		}
		String label = label(reason);
		if (reason.effect() == BounceReason.Effect.STOPS) {
			return messages.getMessage("bounce.reason.hard", new Object[] { label, detail }, Locale.JAPANESE);
		}
		if (reason.effect() != BounceReason.Effect.COUNTS) {
			return null;
		}
		long days = days(counted);
		if (days >= settings.softBounceLimit()) {
			return messages.getMessage("bounce.reason.soft",
					new Object[] { days, settings.softBounceWindow().toDays(), label, detail }, Locale.JAPANESE);
		}
		return null;
	}

	/** The reason in the operations managers' words. */
	String label(BounceReason reason) {
		return messages.getMessage("bounce.why." + reason.name(), null, Locale.JAPANESE);
	}

	/** A bounce kept by the first version, which knew only hard and soft. */
	String legacyLabel(String kind) {
		return messages.getMessage("bounce.why.legacy." + kind, null, Locale.JAPANESE);
	}

	/** On how many days (24 hours apart at least) the times fall. */
	static long days(List<Instant> times) {
		long days = 0;
		Instant counted = null;
		for (Instant time : times) {
			if (counted == null || !time.isBefore(counted.plus(Duration.ofDays(1)))) {
				days++;
				counted = time;
			}
		}
		return days;
	}

}
