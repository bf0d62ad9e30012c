package jp.renraku.organization;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every morning, announces permits that end within 30 days (Art. 6). */
@Component
class PermitExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(PermitExpiryJob.class);

	private final PermitManagement permits;

	PermitExpiryJob(PermitManagement permits) {
		this.permits = permits;
	}

	@Scheduled(cron = "${renraku.permits.expiry-cron:0 0 8 * * *}", zone = "${renraku.time-zone:Asia/Tokyo}")
	void announce() {
		int announced = permits.announceExpiries();
		if (announced > 0) {
			log.info("Announced {} usage permits ending within 30 days", announced);
		}
	}

}
