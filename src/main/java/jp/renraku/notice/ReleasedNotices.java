package jp.renraku.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Released notices that ask for confirmation, as the confirmation link needs them, each
 * kept for ten seconds: after a disaster every click of one notice would otherwise read
 * the same rows. A released notice changes only in its deadline, so a change shows within
 * ten seconds on every node.
 */
@Component
class ReleasedNotices {

	private static final Duration KEEP = Duration.ofSeconds(10);

	/** A notice as read at a time. */
	private record Known(Notices.ReceiptNotice notice, Instant readAt) {
	}

	private final Map<Long, Known> known = new ConcurrentHashMap<>();

	private final Notices notices;

	private final Clock clock;

	private final Duration defaultPeriod;

	ReleasedNotices(Notices notices, Clock clock, ReceiptProperties properties) {
		this.notices = notices;
		this.clock = clock;
		this.defaultPeriod = properties.defaultPeriod();
	}

	/** The notice, if it is released and asks for confirmation. */
	Optional<Notices.ReceiptNotice> find(long noticeId) {
		Instant now = clock.instant();
		Known kept = known.get(noticeId);
		if (kept != null && kept.readAt().isAfter(now.minus(KEEP))) {
			return Optional.of(kept.notice());
		}
		Optional<Notices.ReceiptNotice> found = notices.receiptNotice(noticeId);
		if (found.isPresent()) {
			if (known.size() > 1000) {
				known.clear();
			}
			known.put(noticeId, new Known(found.get(), now));
		}
		return found;
	}

	/** Reads the notice again at its next use on this node (its deadline changed). */
	void forget(long noticeId) {
		known.remove(noticeId);
	}

	/** Until when the notice takes confirmations and answers. */
	Instant closesAt(Notices.ReceiptNotice notice) {
		return notice.closesAt(defaultPeriod);
	}

	boolean open(Notices.ReceiptNotice notice) {
		return clock.instant().isBefore(closesAt(notice));
	}

}
