package jp.renraku.scan;

import java.time.Clock;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Staff;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps an infected upload, its audit entry and (through {@link FileQuarantined}) its
 * incident in a transaction of their own: the upload's own transaction is rolled back by
 * the refusal, the quarantine must stay.
 */
@Component
class Quarantine {

	private final QuarantinedFiles files;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Quarantine(QuarantinedFiles files, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.files = files;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	long keep(Staff uploader, String fileName, String signature, byte[] bytes) {
		long id = files.insert(uploader, fileName, signature, bytes, clock.instant());
		audit.recordFor(uploader.accountId(), uploader.loginId(), AuditAction.FILE_QUARANTINED, uploader.bodyId(),
				"quarantine:" + id, signature + " " + fileName);
		events.publishEvent(new FileQuarantined(id, uploader.bodyId(), uploader.accountId(), uploader.displayName(),
				fileName, signature));
		return id;
	}

}
