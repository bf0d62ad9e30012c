package jp.renraku.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The notice_attachment table: each notice's files, stored once. */
@Repository
class AttachmentRows {

	private static final String COLUMNS = """
			id, notice_id, position, file_name, file_type, size_bytes, width, height, bytes IS NOT NULL AS kept
			""";

	private final JdbcClient jdbc;

	AttachmentRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** list-notice-attachments, in their order. */
	List<Attachment> of(long noticeId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notice_attachment WHERE notice_id = :notice ORDER BY position")
			.param("notice", noticeId)
			.query(AttachmentRows::attachment)
			.list();
	}

	/** find-notice-attachment: one of the notice's files, with its bytes if kept. */
	Optional<NoticeAttachments.StoredFile> file(long noticeId, long id) {
		return jdbc.sql("SELECT " + COLUMNS + ", bytes FROM notice_attachment WHERE id = :id AND notice_id = :notice")
			.param("id", id)
			.param("notice", noticeId)
			.query((rs, n) -> new NoticeAttachments.StoredFile(attachment(rs, n), rs.getBytes("bytes")))
			.optional();
	}

	/**
	 * insert-notice-attachment: after the last of the notice's files. The notice's row is
	 * locked first, so that two uploads at once take two places and both count against
	 * the limits.
	 */
	long insert(long noticeId, String fileName, FileType type, byte[] bytes, String sha256,
			ImageMetadata.@Nullable Size size, long uploader, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO notice_attachment (notice_id, position, file_name, file_type, size_bytes, sha256, width,
				                               height, bytes, uploaded_by, uploaded_at)
				SELECT :notice, COALESCE(MAX(position), 0) + 1, :name, :type, :size, :sha, :width, :height, :bytes,
				       :uploader, :now
				FROM notice_attachment WHERE notice_id = :notice
				""")
			.param("notice", noticeId)
			.param("name", fileName)
			.param("type", type.name())
			.param("size", bytes.length)
			.param("sha", sha256)
			.param("width", size == null ? null : size.width())
			.param("height", size == null ? null : size.height())
			.param("bytes", bytes)
			.param("uploader", uploader)
			.param("now", Sql.utc(now))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/** lock-notice: serialises the uploads of one notice. */
	void lockNotice(long noticeId) {
		jdbc.sql("SELECT id FROM notice WHERE id = :notice FOR UPDATE").param("notice", noticeId).query().listOfRows();
	}

	/** Files and bytes the notice carries now. */
	long[] countAndSize(long noticeId) {
		return jdbc
			.sql("SELECT COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS total FROM notice_attachment "
					+ "WHERE notice_id = :notice")
			.param("notice", noticeId)
			.query((rs, n) -> new long[] { rs.getLong("n"), rs.getLong("total") })
			.single();
	}

	/** delete-notice-attachment; the ones after it move up. */
	boolean delete(long noticeId, long id) {
		Optional<Integer> position = jdbc
			.sql("SELECT position FROM notice_attachment WHERE id = :id AND notice_id = :notice")
			.param("id", id)
			.param("notice", noticeId)
			.query(Integer.class)
			.optional();
		if (position.isEmpty()) {
			return false;
		}
		jdbc.sql("DELETE FROM notice_attachment WHERE id = :id").param("id", id).update();
		// one by one in order, so that (notice, position) stays unique at every step
		for (long later : jdbc
			.sql("SELECT id FROM notice_attachment WHERE notice_id = :notice AND position > :p ORDER BY position")
			.param("notice", noticeId)
			.param("p", position.get())
			.query(Long.class)
			.list()) {
			jdbc.sql("UPDATE notice_attachment SET position = position - 1 WHERE id = :id").param("id", later).update();
		}
		return true;
	}

	/** set-attachment-expiry: the files of a sent notice are kept until then. */
	int expireAt(long noticeId, Instant at) {
		return jdbc
			.sql("UPDATE notice_attachment SET expires_at = :at WHERE notice_id = :notice AND expires_at IS NULL")
			.param("at", Sql.utc(at))
			.param("notice", noticeId)
			.update();
	}

	/**
	 * purge-expired-attachments: their bytes go, the row stays so the links can say so.
	 */
	int purge(Instant now) {
		return jdbc.sql("UPDATE notice_attachment SET bytes = NULL WHERE expires_at <= :now AND bytes IS NOT NULL")
			.param("now", Sql.utc(now))
			.update();
	}

	/** is-mailed: whether the notice's files ride in the mail too. */
	boolean mailed(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM notice_file_mailing WHERE notice_id = :notice")
			.param("notice", noticeId)
			.query(Long.class)
			.single() > 0;
	}

	/** set-mailed */
	void mailed(long noticeId, boolean mailed) {
		jdbc.sql("DELETE FROM notice_file_mailing WHERE notice_id = :notice").param("notice", noticeId).update();
		if (mailed) {
			jdbc.sql("INSERT INTO notice_file_mailing (notice_id) VALUES (:notice)").param("notice", noticeId).update();
		}
	}

	/** The notice's files with their bytes, in order (those still kept). */
	List<NoticeAttachments.StoredFile> files(long noticeId) {
		return jdbc
			.sql("SELECT " + COLUMNS + ", bytes FROM notice_attachment WHERE notice_id = :notice ORDER BY position")
			.param("notice", noticeId)
			.query((rs, n) -> new NoticeAttachments.StoredFile(attachment(rs, n), rs.getBytes("bytes")))
			.list();
	}

	private static Attachment attachment(ResultSet rs, int n) throws SQLException {
		Integer width = rs.getObject("width", Integer.class);
		Integer height = rs.getObject("height", Integer.class);
		return new Attachment(rs.getLong("id"), rs.getLong("notice_id"), rs.getInt("position"),
				rs.getString("file_name"), FileType.valueOf(rs.getString("file_type")), rs.getLong("size_bytes"), width,
				height, rs.getBoolean("kept"));
	}

}
