package jp.renraku.confirmation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jp.renraku.delivery.NoticeId;
import jp.renraku.delivery.ReceiptTarget;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Released notices as the confirmation links need them, each kept for ten seconds: after
 * a disaster every click of one notice would otherwise read the same rows. A released
 * notice changes only in its deadline, so a change shows within ten seconds on every node
 * ({@link #forget} makes it at once on this one).
 */
@Component
class ReleasedNotices {

	private static final Duration KEEP = Duration.ofSeconds(10);

	/** A notice as read at a time. */
	private record Known(ConfirmableNotice notice, Instant readAt) {
	}

	private final Map<NoticeId, Known> known = new ConcurrentHashMap<>();

	private final ObjectProvider<ConfirmableNotices> notices;

	private final Clock clock;

	private final Duration defaultPeriod;

	ReleasedNotices(ObjectProvider<ConfirmableNotices> notices, Clock clock, ReceiptProperties properties) {
		this.notices = notices;
		this.clock = clock;
		this.defaultPeriod = properties.defaultPeriod();
	}

	/** The notice, if it is released. */
	Optional<ConfirmableNotice> find(NoticeId id) {
		Instant now = clock.instant();
		Known kept = known.get(id);
		if (kept != null && kept.readAt().isAfter(now.minus(KEEP))) {
			return Optional.of(kept.notice());
		}
		Optional<ConfirmableNotice> found = notices.getObject().released(id);
		if (found.isPresent()) {
			if (known.size() > 1000) {
				known.clear();
			}
			known.put(id, new Known(found.get(), now));
		}
		return found;
	}

	/** Reads the notice again at its next use on this node (its deadline changed). */
	void forget(NoticeId id) {
		known.remove(id);
	}

	/** Until when the notice takes confirmations and answers. */
	Instant closesAt(ConfirmableNotice notice) {
		return notice.closesAt(defaultPeriod);
	}

	boolean open(ConfirmableNotice notice) {
		return clock.instant().isBefore(closesAt(notice));
	}

	/**
	 * The whole decision about a press whose delivery is known, and whether its recipient
	 * still exists.
	 */
	PressDecision decide(ReceiptTarget target, boolean registered,
			@Nullable Function<String, String @Nullable []> parameters) {
		ConfirmableNotice notice = find(target.notice()).orElse(null);
		return PressDecision.of(target, notice, registered, notice != null && open(notice), parameters);
	}

}
