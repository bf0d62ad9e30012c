package jp.renraku.organization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of bodies.
 */
@Repository
class Bodies {

	/** The columns {@link #ROW} reads. */
	private static final String COLUMNS = """
			id, name, kind, state, state_reason, created_at, notice_approval_required, hourly_limit, sending_paused
			""";

	private static final RowMapper<Body> ROW = (rs, n) -> new Body(rs.getLong("id"), rs.getString("name"),
			BodyKind.valueOf(rs.getString("kind")), BodyState.valueOf(rs.getString("state")),
			rs.getString("state_reason"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
			rs.getBoolean("notice_approval_required"), (Integer) rs.getObject("hourly_limit", Integer.class),
			rs.getBoolean("sending_paused"));

	private final JdbcClient jdbc;

	Bodies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-body: a new body, active. */
	long insert(String name, BodyKind kind, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO body (name, kind, state, created_at, updated_at)
				VALUES (:name, :kind, 'ACTIVE', :now, :now)
				""").param("name", name).param("kind", kind.name()).param("now", Sql.utc(now)).update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/** update-body: writes back every mutable field of the aggregate. */
	void update(Body body, Instant now) {
		jdbc.sql("""
				UPDATE body SET name = :name, kind = :kind, state = :state, state_reason = :reason,
				       notice_approval_required = :approval, hourly_limit = :limit, sending_paused = :paused,
				       updated_at = :now
				WHERE id = :id
				""")
			.param("name", body.name())
			.param("kind", body.kind().name())
			.param("state", body.state().name())
			.param("reason", body.stateReason())
			.param("approval", body.noticeApprovalRequired())
			.param("limit", body.hourlyLimit())
			.param("paused", body.sendingPaused())
			.param("now", Sql.utc(now))
			.param("id", body.id())
			.update();
	}

	/** find-body: one body by its id. */
	Optional<Body> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM body WHERE id = :id").param("id", id).query(ROW).optional();
	}

	/** all-bodies: every body, oldest first. */
	List<Body> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM body ORDER BY id").query(ROW).list();
	}

	/** name-taken: whether another body than {@code exceptId} has the name. */
	boolean nameTaken(String name, long exceptId) {
		return jdbc.sql("SELECT COUNT(*) FROM body WHERE name = :name AND id <> :id")
			.param("name", name)
			.param("id", exceptId)
			.query(Long.class)
			.single() > 0;
	}

}
