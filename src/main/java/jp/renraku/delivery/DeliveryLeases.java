package jp.renraku.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jp.renraku.common.Sql;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The leases of the outbox's rows a worker is sending, as {@link BatchLeases} renews
 * them: by id, and only while the rows are still that worker's. The notices' deliveries
 * and the single mails to residents ({@link #ofResidentMails}) keep their leases alike.
 */
@Repository
class DeliveryLeases implements BatchLeases.Rows {

	private final JdbcClient jdbc;

	/**
	 * The outbox table: {@code delivery} or {@code resident_mail}, never from outside.
	 */
	private final String table;

	@Autowired
	DeliveryLeases(JdbcClient jdbc) {
		this(jdbc, "delivery");
	}

	private DeliveryLeases(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/** The same for the single mails to residents. */
	DeliveryLeases ofResidentMails() {
		return new DeliveryLeases(jdbc, "resident_mail");
	}

	/**
	 * renew-leases: a worker's batch still being sent keeps its rows; a row another
	 * worker took over (after this one's lease ran out) is not renewed.
	 */
	@Override
	public int renew(List<Long> ids, String worker, Instant until) {
		return jdbc.sql("UPDATE " + table + """
				 SET lease_until = :until
				WHERE id IN (:ids) AND claimed_by = :worker AND status = 'SENDING'
				""").param("until", Sql.utc(until)).param("ids", ids).param("worker", worker).update();
	}

	/**
	 * still-claimed: those of the rows the worker still holds, after a renewal fell
	 * short.
	 */
	@Override
	public Set<Long> ours(List<Long> ids, String worker) {
		return Set.copyOf(jdbc
			.sql("SELECT id FROM " + table + " WHERE id IN (:ids) AND claimed_by = :worker AND status = 'SENDING'")
			.param("ids", ids)
			.param("worker", worker)
			.query(Long.class)
			.list());
	}

}
