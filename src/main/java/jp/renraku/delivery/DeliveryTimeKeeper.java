package jp.renraku.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jp.renraku.common.Redacted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what a notice's delivery time is: computed from its delivery rows while any may
 * still be sent, stored once all are finished, and read from the store from then on, so
 * that it outlives the rows and the registrants. Whoever asks first after the last
 * delivery finished stores it (the notice's page, or this keeper's round every minute on
 * every node, for notices nobody looks at); of two, one wins.
 */
@Component
class DeliveryTimeKeeper {

	private static final Logger log = LoggerFactory.getLogger(DeliveryTimeKeeper.class);

	private final DeliveryTimes times;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DeliveryTimeKeeper(DeliveryTimes times, TransactionTemplate transactions, Clock clock) {
		this.times = times;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The notice's mail was queued now (released): its times count from here, the moment
	 * its deliveries are due.
	 */
	void started(long noticeId, long bodyId, long queued, Instant at) {
		if (queued > 0) {
			times.started(noticeId, bodyId, at);
		}
	}

	/**
	 * Failed mail of the notice was queued again: its figures are computed until it is
	 * finished once more, and then kept anew.
	 */
	void retried(long noticeId, long queued) {
		if (queued > 0) {
			times.reopen(noticeId);
		}
	}

	/**
	 * The notice's delivery time, stored first if its deliveries are all finished; empty
	 * for a notice that was never released (or released before this figure existed).
	 */
	Optional<DeliveryTiming> timing(long noticeId) {
		Optional<DeliveryTiming> timing = transactions.execute(status -> timingAt(noticeId, clock.instant()));
		return timing == null ? Optional.empty() : timing;
	}

	private Optional<DeliveryTiming> timingAt(long noticeId, Instant now) {
		Optional<DeliveryTimes.Timing> found = times.timing(noticeId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Instant started = found.get().startedAt();
		if (found.get().keptAt() != null) {
			return Optional.of(timing(started, true, times.kept(noticeId)));
		}
		// finished first, then measured: a row finished meanwhile would be left out
		boolean kept = !times.unfinished(noticeId) && times.claim(noticeId, now);
		DeliveryTimes.Figures figures = times.measure(noticeId, started);
		if (kept) {
			times.keep(noticeId, figures);
		}
		return Optional.of(timing(started, kept, figures));
	}

	private static DeliveryTiming timing(Instant started, boolean kept, DeliveryTimes.Figures figures) {
		return new DeliveryTiming(started, kept, figures.all(), figures.destinations());
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void scheduled() {
		keepFinished();
	}

	/**
	 * Stores the delivery time of every notice whose deliveries finished since the last
	 * round (tests call this; the schedule does every minute). Returns how many it kept.
	 */
	int keepFinished() {
		int kept = 0;
		for (long noticeId : times.open()) {
			try {
				kept += timing(noticeId).filter(DeliveryTiming::kept).isPresent() ? 1 : 0;
			}
			catch (DataAccessException ex) {
				// the database is busy or unreachable: the next round tries again
				log.warn("The delivery time of notice {} could not be kept now: {}", noticeId, Redacted.of(ex));
			}
		}
		return kept;
	}

}
