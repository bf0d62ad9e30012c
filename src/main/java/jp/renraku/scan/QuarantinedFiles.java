package jp.renraku.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import jp.renraku.common.Staff;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The quarantine table: infected uploads, kept for the system administrator. */
@Repository
class QuarantinedFiles {

	/** A quarantined file without its bytes. */
	record QuarantinedFile(long id, @Nullable Long bodyId, long accountId, String fileName, String signature,
			long sizeBytes, Instant quarantinedAt) {
	}

	private final JdbcClient jdbc;

	QuarantinedFiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-quarantined-file */
	long insert(Staff uploader, String fileName, String signature, byte[] bytes, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO quarantined_file (body_id, account_id, file_name, signature, size_bytes, bytes,
				                              quarantined_at)
				VALUES (:body, :account, :name, :signature, :size, :bytes, :now)
				""")
			.param("body", uploader.bodyId())
			.param("account", uploader.accountId())
			.param("name", fileName)
			.param("signature", signature)
			.param("size", bytes.length)
			.param("bytes", bytes)
			.param("now", Sql.utc(now))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/**
	 * find-quarantined-file: the system administrator sees every file, a body's staff
	 * only their own body's.
	 */
	Optional<QuarantinedFile> find(long id, Staff staff) {
		return jdbc.sql("""
				SELECT id, body_id, account_id, file_name, signature, size_bytes, quarantined_at
				FROM quarantined_file
				WHERE id = :id AND (:admin OR body_id = :body)
				""")
			.param("id", id)
			.param("admin", staff.isSystemAdmin())
			.param("body", staff.bodyId())
			.query(QuarantinedFiles::row)
			.optional();
	}

	/** list-quarantined-files: newest first, for the system administrator. */
	List<QuarantinedFile> all() {
		return jdbc.sql("""
				SELECT id, body_id, account_id, file_name, signature, size_bytes, quarantined_at
				FROM quarantined_file
				ORDER BY quarantined_at DESC, id DESC
				""").query(QuarantinedFiles::row).list();
	}

	private static QuarantinedFile row(ResultSet rs, int n) throws SQLException {
		return new QuarantinedFile(rs.getLong("id"), rs.getObject("body_id", Long.class), rs.getLong("account_id"),
				rs.getString("file_name"), rs.getString("signature"), rs.getLong("size_bytes"),
				rs.getObject("quarantined_at", OffsetDateTime.class).toInstant());
	}

	/** file-bytes: the quarantined content, for the system administrator's download. */
	Optional<byte[]> bytes(long id) {
		return jdbc.sql("SELECT bytes FROM quarantined_file WHERE id = :id")
			.param("id", id)
			.query(byte[].class)
			.optional();
	}

}
