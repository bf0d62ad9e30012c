package jp.renraku.registration;

import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.HomeTasks;
import jp.renraku.common.NotFoundException;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Art. 10-4: registrants leave the system only with a permission. An operations manager
 * requests an export of one list, stating purpose and scope; another operations manager
 * of the body or the system administrator approves it for a number of downloads within a
 * time, or rejects it; only the requester downloads. Every step and every download is in
 * the audit trail. Waiting requests are tasks on the approvers' home page.
 */
@Service
public class ExportPermissions implements HomeTasks {

	static final int MAX_DOWNLOADS = 10;

	static final int MAX_HOURS = 24 * 7;

	private final ExportRequests requests;

	private final Lists lists;

	private final RegistrantExport export;

	private final AuditTrail audit;

	private final Clock clock;

	ExportPermissions(ExportRequests requests, Lists lists, RegistrantExport export, AuditTrail audit, Clock clock) {
		this.requests = requests;
		this.lists = lists;
		this.export = export;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public long request(Staff staff, long listId, String purpose, String scope) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new NotFoundException("list " + listId);
		}
		RegistrationList list = lists.find(listId, staff.requireBody())
			.orElseThrow(() -> new NotFoundException("list " + listId));
		long id = requests.insert(list.bodyId(), list.id(), staff.accountId(), staff.displayName(), purpose, scope,
				clock.instant());
		audit.record(AuditAction.EXPORT_REQUESTED, list.bodyId(), "export:" + id, "list:" + listId + " " + purpose);
		return id;
	}

	/**
	 * Requests an export of the results of a notice of the staff member's body (the
	 * notice module has checked that it is theirs).
	 */
	@Transactional
	public long requestResults(Staff staff, long noticeId, String noticeSubject, String purpose, String scope) {
		if (staff.role() != Role.OPERATIONS_MANAGER) {
			throw new RegistrationException("export.error.managerOnly");
		}
		long id = requests.insert(staff.requireBody(), null, noticeId, noticeSubject, staff.accountId(),
				staff.displayName(), purpose, scope, clock.instant());
		audit.record(AuditAction.EXPORT_REQUESTED, staff.requireBody(), "export:" + id,
				"notice:" + noticeId + " " + purpose);
		return id;
	}

	/** The requests for a notice's results, newest first. */
	@Transactional(readOnly = true)
	public List<ExportRequest> ofNotice(Staff staff, long noticeId) {
		return requests.ofNotice(noticeId, staff.requireBody());
	}

	/**
	 * The system administrator sees every request, an operations manager their body's.
	 */
	@Transactional(readOnly = true)
	public List<ExportRequest> visible(Staff staff) {
		return requests.ofBody(staff.isSystemAdmin() ? null : staff.requireBody());
	}

	@Transactional(readOnly = true)
	List<ExportRequest> ofList(Staff staff, long listId) {
		lists.find(listId, staff.requireBody()).orElseThrow(() -> new NotFoundException("list " + listId));
		return requests.ofList(listId);
	}

	@Transactional(readOnly = true)
	public ExportRequest get(Staff staff, long id) {
		ExportRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("export " + id));
		if (!staff.isSystemAdmin() && (staff.role() != Role.OPERATIONS_MANAGER || request.bodyId() != staff.bodyId())) {
			throw new NotFoundException("export " + id);
		}
		return request;
	}

	/** Whether the staff member may decide the request: nobody decides their own. */
	public boolean mayDecide(Staff staff, ExportRequest request) {
		return request.pending() && request.requestedBy() != staff.accountId()
				&& (staff.isSystemAdmin() || (staff.role() == Role.OPERATIONS_MANAGER && staff.bodyId() != null
						&& request.bodyId() == staff.bodyId()));
	}

	@Transactional
	public void approve(Staff staff, long id, int maxDownloads, int validHours, @Nullable String note) {
		ExportRequest request = decidable(staff, id);
		if (maxDownloads < 1 || maxDownloads > MAX_DOWNLOADS || validHours < 1 || validHours > MAX_HOURS) {
			throw new RegistrationException("export.error.limits");
		}
		Instant now = clock.instant();
		Instant until = now.plus(Duration.ofHours(validHours));
		if (!requests.decide(id, ExportRequest.State.APPROVED, staff.accountId(), staff.displayName(), note,
				maxDownloads, until, now)) {
			throw new RegistrationException("export.error.decided");
		}
		audit.record(AuditAction.EXPORT_APPROVED, request.bodyId(), "export:" + id,
				"downloads:" + maxDownloads + " hours:" + validHours);
	}

	@Transactional
	public void reject(Staff staff, long id, String note) {
		ExportRequest request = decidable(staff, id);
		if (!requests.decide(id, ExportRequest.State.REJECTED, staff.accountId(), staff.displayName(), note, null, null,
				clock.instant())) {
			throw new RegistrationException("export.error.decided");
		}
		audit.record(AuditAction.EXPORT_REJECTED, request.bodyId(), "export:" + id, note);
	}

	private ExportRequest decidable(Staff staff, long id) {
		ExportRequest request = get(staff, id);
		if (request.requestedBy() == staff.accountId()) {
			throw new RegistrationException("export.error.ownRequest");
		}
		if (!request.pending()) {
			throw new RegistrationException("export.error.decided");
		}
		return request;
	}

	/**
	 * Counts one download of the requester's approved request, or refuses (used up,
	 * expired, rejected, someone else's). The count is taken before the file is written:
	 * a download that breaks off still counts.
	 */
	@Transactional(noRollbackFor = RegistrationException.class)
	public ExportRequest startDownload(Staff staff, long id) {
		ExportRequest request = get(staff, id);
		if (!requests.claimDownload(id, staff.accountId(), clock.instant())) {
			audit.record(AuditAction.EXPORT_REFUSED, request.bodyId(), "export:" + id,
					"downloads:" + request.downloads() + "/" + request.maxDownloads());
			throw new RegistrationException(request.requestedBy() == staff.accountId() ? "export.error.notUsable"
					: "export.error.notRequester");
		}
		return requests.find(id).orElseThrow();
	}

	/**
	 * Writes the request's list as CSV; audited with the row count and which download it
	 * was.
	 */
	@Transactional
	public long write(ExportRequest request, Writer out) {
		if (request.listId() == null) {
			throw new NotFoundException("export " + request.id() + " is not of a list");
		}
		RegistrationList list = lists.findById(request.listId()).orElseThrow();
		long rows = export.write(list, out);
		audit.record(AuditAction.REGISTRANTS_EXPORTED, list.bodyId(), "list:" + list.id(), "rows:" + rows + " export:"
				+ request.id() + " download:" + request.downloads() + "/" + request.maxDownloads());
		return rows;
	}

	@Override
	public List<Task> tasksFor(Staff staff) {
		if (!staff.isSystemAdmin() && staff.role() != Role.OPERATIONS_MANAGER) {
			return List.of();
		}
		return visible(staff).stream()
			.filter(r -> mayDecide(staff, r))
			.map(r -> new Task("export.task.decide", List.of(r.requesterName()), "/exports/" + r.id()))
			.toList();
	}

}
