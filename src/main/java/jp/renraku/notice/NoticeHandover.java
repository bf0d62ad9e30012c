package jp.renraku.notice;

import jp.renraku.common.WorkHandover;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A leaving writer's drafts and not-yet-sent notices go to a colleague (Art. 11-1-2). So
 * that nobody ends up approving their own notice, a notice the colleague had approved
 * goes back to draft and needs a new approval.
 */
@Component
class NoticeHandover implements WorkHandover {

	private static final String OPEN = "('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'SCHEDULED')";

	private final JdbcClient jdbc;

	NoticeHandover(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public int openWork(long accountId) {
		return jdbc.sql("SELECT COUNT(*) FROM notice WHERE author_id = :a AND state IN " + OPEN)
			.param("a", accountId)
			.query(Integer.class)
			.single();
	}

	@Override
	@Transactional
	public int handOver(long fromAccountId, long toAccountId) {
		jdbc.sql("""
				UPDATE notice SET state = 'DRAFT', approved_by = NULL, approved_at = NULL, scheduled_at = NULL
				WHERE author_id = :from AND approved_by = :to AND state IN ('APPROVED', 'SCHEDULED')
				""").param("from", fromAccountId).param("to", toAccountId).update();
		return jdbc.sql("UPDATE notice SET author_id = :to WHERE author_id = :from AND state IN " + OPEN)
			.param("from", fromAccountId)
			.param("to", toAccountId)
			.update();
	}

}
