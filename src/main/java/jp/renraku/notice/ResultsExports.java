package jp.renraku.notice;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Staff;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.registration.ExportPermissions;
import jp.renraku.registration.ExportRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A notice's results taken out as CSV (Art. 10-4): only under an export permission for
 * that notice, requested by an operations manager and decided by another (the
 * registration module's permission workflow); the file is the confirmation module's.
 */
@Service
class ResultsExports {

	private final NoticeManagement notices;

	private final ExportPermissions exports;

	private final ConfirmationManagement confirmation;

	private final AuditTrail audit;

	ResultsExports(NoticeManagement notices, ExportPermissions exports, ConfirmationManagement confirmation,
			AuditTrail audit) {
		this.notices = notices;
		this.exports = exports;
		this.confirmation = confirmation;
		this.audit = audit;
	}

	/** Requests permission to take the results of a notice out. */
	@Transactional
	long request(Staff staff, long noticeId, String purpose, String scope) {
		Notice notice = notices.notice(staff, noticeId);
		return exports.requestResults(staff, notice.id(), notice.subject(), purpose, scope);
	}

	/** The export requests of the notice's results. */
	@Transactional(readOnly = true)
	List<ExportRequest> of(Staff staff, long noticeId) {
		return exports.ofNotice(staff, notices.notice(staff, noticeId).id());
	}

	/**
	 * Counts one download of the requester's approved request for this notice's results,
	 * or refuses with the reason (a
	 * {@link jp.renraku.registration.RegistrationException}).
	 */
	ExportRequest startDownload(Staff staff, long noticeId, long requestId) {
		Notice notice = notices.notice(staff, noticeId);
		ExportRequest request = exports.get(staff, requestId);
		if (!Long.valueOf(notice.id()).equals(request.noticeId())) {
			throw new NotFoundException("export " + requestId + " of notice " + noticeId);
		}
		return exports.startDownload(staff, requestId);
	}

	/** Writes the results and records the export with its row count. */
	@Transactional
	long write(Staff staff, long noticeId, ExportRequest request, Writer out) throws IOException {
		Notice notice = notices.notice(staff, noticeId);
		long rows = confirmation.writeResults(notice.noticeId(), notice.bodyId(), out);
		audit.record(AuditAction.NOTICE_RESULTS_EXPORTED, notice.bodyId(), "notice:" + notice.id(), "rows:" + rows
				+ " export:" + request.id() + " download:" + request.downloads() + "/" + request.maxDownloads());
		return rows;
	}

}
