package jp.renraku.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Export requests in SQL; a download is counted by one conditional UPDATE. */
@Repository
class ExportRequests {

	/** The columns {@link #row} reads. */
	private static final String COLUMNS = """
			id, body_id, list_id, requested_by, requester_name, purpose, scope, state, requested_at, decided_by,
			decider_name, decided_at, decision_note, max_downloads, downloads, valid_until, notice_id, notice_subject
			""";

	private final JdbcClient jdbc;

	ExportRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-request: a pending request to export a list. */
	long insert(long bodyId, @Nullable Long listId, long requestedBy, String requesterName, String purpose,
			String scope, Instant now) {
		return insert(bodyId, listId, null, null, requestedBy, requesterName, purpose, scope, now);
	}

	/** insert-request: a pending request to export a list, or a notice's results. */
	long insert(long bodyId, @Nullable Long listId, @Nullable Long noticeId, @Nullable String noticeSubject,
			long requestedBy, String requesterName, String purpose, String scope, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO export_request (body_id, list_id, notice_id, notice_subject, requested_by, requester_name,
				                            purpose, scope, state, requested_at)
				VALUES (:body, :list, :notice, :subject, :by, :name, :purpose, :scope, 'PENDING', :now)
				""")
			.param("notice", noticeId)
			.param("subject", noticeSubject)
			.param("body", bodyId)
			.param("list", listId)
			.param("by", requestedBy)
			.param("name", requesterName)
			.param("purpose", purpose)
			.param("scope", scope)
			.param("now", Sql.utc(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/** decide: approves or rejects a pending request; false if it was decided already. */
	boolean decide(long id, ExportRequest.State state, long by, String byName, @Nullable String note,
			@Nullable Integer maxDownloads, @Nullable Instant validUntil, Instant now) {
		return jdbc.sql("""
				UPDATE export_request SET state = :state, decided_by = :by, decider_name = :name, decided_at = :now,
				       decision_note = :note, max_downloads = :max, valid_until = :until
				WHERE id = :id AND state = 'PENDING'
				""")
			.param("state", state.name())
			.param("by", by)
			.param("name", byName)
			.param("now", Sql.utc(now))
			.param("note", note)
			.param("max", maxDownloads)
			.param("until", validUntil == null ? null : Sql.utc(validUntil))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * claim-download: counts one download if the request is the requester's, approved,
	 * not used up and not expired; false otherwise. One statement, so two clicks at once
	 * cannot both pass the last download.
	 */
	boolean claimDownload(long id, long requester, Instant now) {
		return jdbc.sql("""
				UPDATE export_request SET downloads = downloads + 1
				WHERE id = :id AND requested_by = :requester AND state = 'APPROVED'
				  AND downloads < max_downloads AND valid_until > :now
				""").param("id", id).param("requester", requester).param("now", Sql.utc(now)).update() == 1;
	}

	/** find-request: one request of any body; callers check the body. */
	Optional<ExportRequest> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM export_request WHERE id = :id")
			.param("id", id)
			.query(ExportRequests::row)
			.optional();
	}

	/** requests-of-body: the body's requests (all bodies' for null), newest first. */
	List<ExportRequest> ofBody(@Nullable Long bodyId) {
		String where = bodyId == null ? "" : " WHERE body_id = :body";
		var statement = jdbc.sql("SELECT " + COLUMNS + " FROM export_request" + where + " ORDER BY id DESC LIMIT 500");
		return (bodyId == null ? statement : statement.param("body", bodyId)).query(ExportRequests::row).list();
	}

	/**
	 * requests-of-list: the list's requests, newest first; the caller checked the list.
	 */
	List<ExportRequest> ofList(long listId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM export_request WHERE list_id = :list ORDER BY id DESC LIMIT 100")
			.param("list", listId)
			.query(ExportRequests::row)
			.list();
	}

	/**
	 * requests-of-notice: the requests for one notice's results of the body, newest
	 * first.
	 */
	List<ExportRequest> ofNotice(long noticeId, long bodyId) {
		return jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM export_request WHERE notice_id = :notice AND body_id = :body ORDER BY id DESC")
			.param("notice", noticeId)
			.param("body", bodyId)
			.query(ExportRequests::row)
			.list();
	}

	private static ExportRequest row(ResultSet rs, int n) throws SQLException {
		return new ExportRequest(rs.getLong("id"), rs.getLong("body_id"), (Long) rs.getObject("list_id", Long.class),
				rs.getLong("requested_by"), rs.getString("requester_name"), rs.getString("purpose"),
				rs.getString("scope"), ExportRequest.State.valueOf(rs.getString("state")),
				rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
				(Long) rs.getObject("decided_by", Long.class), rs.getString("decider_name"),
				Sql.instant(rs.getObject("decided_at", OffsetDateTime.class)), rs.getString("decision_note"),
				(Integer) rs.getObject("max_downloads", Integer.class), rs.getInt("downloads"),
				Sql.instant(rs.getObject("valid_until", OffsetDateTime.class)),
				(Long) rs.getObject("notice_id", Long.class), rs.getString("notice_subject"));
	}

}
