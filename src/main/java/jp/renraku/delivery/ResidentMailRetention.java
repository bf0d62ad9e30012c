package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the single mails to residents that failed for good, a week after they were
 * written: long enough for the operator to see why in the log and the table, no longer
 * than an address needs keeping. Sent mails are deleted when the relay takes them.
 */
@Component
class ResidentMailRetention {

	private static final Logger log = LoggerFactory.getLogger(ResidentMailRetention.class);

	static final Duration KEEP_FAILED = Duration.ofDays(7);

	private final ResidentMails mails;

	private final Clock clock;

	ResidentMailRetention(ResidentMails mails, Clock clock) {
		this.mails = mails;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void purge() {
		int purged = mails.purgeFailed(clock.instant().minus(KEEP_FAILED));
		if (purged > 0) {
			log.info("Forgot {} single mails to residents that failed a week ago or more", purged);
		}
	}

}
