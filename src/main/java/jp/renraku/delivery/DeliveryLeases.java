package jp.renraku.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jp.renraku.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The leases of the outbox's rows a worker is sending, as {@link BatchLeases} renews
 * them: by id, and only while the rows are still that worker's.
 */
@Repository
class DeliveryLeases implements BatchLeases.Rows {

	private final JdbcClient jdbc;

	DeliveryLeases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * renew-leases: a worker's batch still being sent keeps its rows; a row another
	 * worker took over (after this one's lease ran out) is not renewed.
	 */
	@Override
	public int renew(List<Long> ids, String worker, Instant until) {
		return jdbc.sql("""
				UPDATE delivery SET lease_until = :until
				WHERE id IN (:ids) AND claimed_by = :worker AND status = 'SENDING'
				""").param("until", Sql.utc(until)).param("ids", ids).param("worker", worker).update();
	}

	/**
	 * still-claimed: those of the rows the worker still holds, after a renewal fell
	 * short.
	 */
	@Override
	public Set<Long> ours(List<Long> ids, String worker) {
		return Set.copyOf(jdbc.sql("""
				SELECT id FROM delivery WHERE id IN (:ids) AND claimed_by = :worker AND status = 'SENDING'
				""").param("ids", ids).param("worker", worker).query(Long.class).list());
	}

}
