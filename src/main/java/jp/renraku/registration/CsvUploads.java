package jp.renraku.registration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Optional;

import jp.renraku.common.Sql;
import jp.renraku.common.Staff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * CSV files waiting for the import's confirmation (tables {@code csv_upload} and
 * {@code csv_upload_chunk}): in the database, so that any node can confirm what another
 * node took (issue 18). The bytes are written and read one chunk at a time, so that a
 * file of the upload limit never sits in memory whole. Every look-up names its owner: the
 * account that uploaded, its body and the list.
 */
@Repository
class CsvUploads {

	/** The largest chunk: small enough for any driver to hold, large enough to be few. */
	static final int CHUNK = 1024 * 1024;

	/** An upload as its confirmation needs it. */
	record CsvUpload(long id, long listId, Charset charset) {
	}

	private final JdbcClient jdbc;

	CsvUploads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * insert-upload, insert-chunk: stores the file for the staff member and the list;
	 * returns the upload's id. Runs in the caller's transaction, so that a failure stores
	 * nothing.
	 */
	long store(Staff staff, long listId, Charset charset, InputStream content, Instant now) throws IOException {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO csv_upload (list_id, body_id, account_id, charset, size_bytes, created_at)
				VALUES (:list, :body, :account, :charset, 0, :now)
				""")
			.param("list", listId)
			.param("body", staff.requireBody())
			.param("account", staff.accountId())
			.param("charset", charset.name())
			.param("now", Sql.utc(now))
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		long size = 0;
		int seq = 0;
		byte[] chunk;
		while ((chunk = content.readNBytes(CHUNK)).length > 0) {
			jdbc.sql("INSERT INTO csv_upload_chunk (upload_id, seq, bytes) VALUES (:id, :seq, :bytes)")
				.param("id", id)
				.param("seq", seq++)
				.param("bytes", chunk)
				.update();
			size += chunk.length;
		}
		// name: set-upload-size
		jdbc.sql("UPDATE csv_upload SET size_bytes = :size WHERE id = :id")
			.param("size", size)
			.param("id", id)
			.update();
		return id;
	}

	/**
	 * lock-upload: the staff member's own upload for the list, locked until the
	 * transaction ends, so that a second confirmation (a double click, another node)
	 * waits and then finds it gone; empty for anyone else's.
	 */
	Optional<CsvUpload> lock(long id, Staff staff, long listId) {
		return jdbc.sql("""
				SELECT id, list_id, charset FROM csv_upload
				WHERE id = :id AND list_id = :list AND body_id = :body AND account_id = :account
				FOR UPDATE
				""")
			.param("id", id)
			.param("list", listId)
			.param("body", staff.requireBody())
			.param("account", staff.accountId())
			.query((rs, n) -> new CsvUpload(rs.getLong("id"), rs.getLong("list_id"),
					Charset.forName(rs.getString("charset"))))
			.optional();
	}

	/** select-chunk: writes the upload's bytes to the stream, one chunk at a time. */
	void copy(long id, OutputStream out) throws IOException {
		for (int seq = 0;; seq++) {
			Optional<byte[]> chunk = jdbc.sql("SELECT bytes FROM csv_upload_chunk WHERE upload_id = :id AND seq = :seq")
				.param("id", id)
				.param("seq", seq)
				.query((rs, n) -> rs.getBytes("bytes"))
				.optional();
			if (chunk.isEmpty()) {
				return;
			}
			out.write(chunk.get());
		}
	}

	/** delete-upload: the upload and its chunks, once imported. */
	void delete(long id) {
		jdbc.sql("DELETE FROM csv_upload WHERE id = :id").param("id", id).update();
	}

	/**
	 * delete-own-upload: the staff member's own upload (cancelled, or replaced by a newer
	 * one); nothing for anyone else's.
	 */
	void delete(long id, Staff staff) {
		jdbc.sql("DELETE FROM csv_upload WHERE id = :id AND body_id = :body AND account_id = :account")
			.param("id", id)
			.param("body", staff.requireBody())
			.param("account", staff.accountId())
			.update();
	}

	/** purge-uploads: uploads made before the given time; returns how many. */
	int purge(Instant before) {
		return jdbc.sql("DELETE FROM csv_upload WHERE created_at < :before").param("before", Sql.utc(before)).update();
	}

}
