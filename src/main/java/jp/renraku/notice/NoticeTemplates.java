package jp.renraku.notice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of a body's templates; every statement carries the body id.
 */
@Repository
class NoticeTemplates {

	private static final RowMapper<NoticeTemplate> ROW = (rs, n) -> new NoticeTemplate(rs.getLong("id"),
			rs.getLong("body_id"), rs.getString("name"), rs.getString("subject"), rs.getString("body_text"));

	private final JdbcClient jdbc;

	NoticeTemplates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** of-body: the body's templates by name. */
	List<NoticeTemplate> ofBody(long bodyId) {
		return jdbc
			.sql("SELECT id, body_id, name, subject, body_text FROM notice_template WHERE body_id = :bodyId"
					+ " ORDER BY name")
			.param("bodyId", bodyId)
			.query(ROW)
			.list();
	}

	/** find: the body's template (another body's is absent). */
	Optional<NoticeTemplate> find(long id, long bodyId) {
		return jdbc
			.sql("SELECT id, body_id, name, subject, body_text FROM notice_template"
					+ " WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(ROW)
			.optional();
	}

	/** insert: a new template of the body. */
	void insert(long bodyId, String name, String subject, String text, Instant now) {
		jdbc.sql("""
				INSERT INTO notice_template (body_id, name, subject, body_text, created_at, updated_at)
				VALUES (:bodyId, :name, :subject, :text, :now, :now)
				""")
			.param("bodyId", bodyId)
			.param("name", name)
			.param("subject", subject)
			.param("text", text)
			.param("now", Sql.utc(now))
			.update();
	}

	/** delete: the body's template; false if there was none. */
	boolean delete(long id, long bodyId) {
		return jdbc.sql("DELETE FROM notice_template WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.update() == 1;
	}

	/** name-taken: whether the body has a template of that name. */
	boolean nameTaken(long bodyId, String name) {
		return jdbc.sql("SELECT COUNT(*) FROM notice_template WHERE body_id = :bodyId AND name = :name")
			.param("bodyId", bodyId)
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

}
