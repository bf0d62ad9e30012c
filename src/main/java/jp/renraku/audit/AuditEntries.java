package jp.renraku.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of the audit chain. Only inserts; nothing here updates or deletes an entry.
 */
@Repository
class AuditEntries {

	/** The columns {@link #ROW} reads. */
	private static final String COLUMNS = """
			seq, occurred_at, actor_account_id, actor_login_id, body_id, action, target, detail, client_address,
			prev_hash, entry_hash
			""";

	private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(rs.getLong("seq"),
			rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
			(Long) rs.getObject("actor_account_id", Long.class), rs.getString("actor_login_id"),
			(Long) rs.getObject("body_id", Long.class), AuditAction.valueOf(rs.getString("action")),
			rs.getString("target"), rs.getString("detail"), rs.getString("client_address"), rs.getString("prev_hash"),
			rs.getString("entry_hash"));

	private final JdbcClient jdbc;

	AuditEntries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Head(long lastSeq, String lastHash) {
	}

	/** lock-head: serialises appends; held until the caller's transaction ends. */
	Head lockHead() {
		return jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
	}

	/** read-head: the head without locking it, for verification. */
	Head head() {
		return jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
			.single();
	}

	/** append-entry: inserts the entry and moves the head to it. */
	void append(AuditEntry e) {
		jdbc.sql("""
				INSERT INTO audit_entry (seq, occurred_at, actor_account_id, actor_login_id, body_id, action,
				                         target, detail, client_address, prev_hash, entry_hash)
				VALUES (:seq, :occurredAt, :actorAccountId, :actorLoginId, :bodyId, :action,
				        :target, :detail, :clientAddress, :prevHash, :entryHash)
				""")
			.param("seq", e.seq())
			.param("occurredAt", Sql.utc(e.occurredAt()))
			.param("actorAccountId", e.actorAccountId())
			.param("actorLoginId", e.actorLoginId())
			.param("bodyId", e.bodyId())
			.param("action", e.action().name())
			.param("target", e.target())
			.param("detail", e.detail())
			.param("clientAddress", e.clientAddress())
			.param("prevHash", e.prevHash())
			.param("entryHash", e.entryHash())
			.update();
		jdbc.sql("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
			.param("seq", e.seq())
			.param("hash", e.entryHash())
			.update();
	}

	/** all-in-order: streams the whole chain, oldest first, for verification. */
	void forEachInOrder(Consumer<AuditEntry> consumer) {
		try (var stream = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq").query(ROW).stream()) {
			stream.forEach(consumer);
		}
	}

	/**
	 * search: newest first, optionally limited to one body. Filters are fixed SQL
	 * fragments with bound parameters; nothing typed by a person is concatenated into the
	 * statement.
	 */
	List<AuditEntry> search(@Nullable Long bodyId, @Nullable Instant from, @Nullable Instant to, @Nullable String actor,
			@Nullable AuditAction action, int limit, int offset) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entry WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (bodyId != null) {
			sql.append(" AND body_id = ?");
			params.add(bodyId);
		}
		if (from != null) {
			sql.append(" AND occurred_at >= ?");
			params.add(Sql.utc(from));
		}
		if (to != null) {
			sql.append(" AND occurred_at < ?");
			params.add(Sql.utc(to));
		}
		if (actor != null) {
			sql.append(" AND LOWER(actor_login_id) LIKE ? ESCAPE '!'");
			params.add(Sql.containsPattern(actor));
		}
		if (action != null) {
			sql.append(" AND action = ?");
			params.add(action.name());
		}
		sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
		params.add(limit);
		params.add(offset);
		return jdbc.sql(sql.toString()).params(params).query(ROW).list();
	}

}
