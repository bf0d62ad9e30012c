package jp.renraku.attachment;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the bytes of the files whose keeping ended ({@code renraku.attachments.keep}
 * after their notice went out): their links then say the file is no longer kept. One
 * statement, safe on several nodes.
 */
@Component
class AttachmentRetention {

	private static final Logger log = LoggerFactory.getLogger(AttachmentRetention.class);

	private final AttachmentRows rows;

	private final Clock clock;

	AttachmentRetention(AttachmentRows rows, Clock clock) {
		this.rows = rows;
		this.clock = clock;
	}

	@Scheduled(cron = "${renraku.attachments.purge-cron:0 25 * * * *}", zone = "${renraku.time-zone:Asia/Tokyo}")
	void scheduled() {
		int purged = purge();
		if (purged > 0) {
			log.info("Attachments: deleted the bytes of {} file(s) whose keeping ended", purged);
		}
	}

	int purge() {
		return rows.purge(clock.instant());
	}

}
