package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import jp.renraku.common.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bodies' hourly limits (Art. 3-2-3) for the whole city (issue 18). What a body has
 * used is still its accepted messages of the last sixty minutes (as on one node), plus
 * what each node holds of it and has not yet recorded as sent. A node takes a part of
 * what is left in one short transaction that holds the body's row, so two nodes never
 * both take the last messages; it writes what it holds in the same way, and lets it fall
 * as its batches are recorded. A node that dies stops counting once its hold's time is up
 * (one delivery lease); only what it had sent and not yet recorded can then go over the
 * limit.
 */
@Component
class HourlyAllowances {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	HourlyAllowances(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		// a transaction of its own: short, and never one the caller has not committed yet
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Takes up to {@code want} messages of what the body may still send in this hour,
	 * counting its messages sent in the last hour, what other nodes hold and what this
	 * node already holds ({@code mine}), and writes that this node now holds {@code mine}
	 * and what it got; returns how many it got.
	 */
	int take(long body, String node, int limit, int mine, int want, Instant now, Duration countsFor) {
		return locked(body, () -> {
			// forget-the-dead: holds whose time is up (their nodes stopped or died)
			jdbc.sql("DELETE FROM hourly_allowance_hold WHERE body_id = :body AND counts_until < :now")
				.param("body", body)
				.param("now", Sql.utc(now))
				.update();
			// sent-in-the-hour: accepted by the relay in the last sixty minutes
			long sent = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE body_id = :body AND sent_at > :since")
				.param("body", body)
				.param("since", Sql.utc(now.minus(Duration.ofHours(1))))
				.query(Long.class)
				.single();
			// held-by-others: taken by the other nodes and not yet recorded as sent
			long others = jdbc.sql("""
					SELECT COALESCE(SUM(outstanding), 0) FROM hourly_allowance_hold
					WHERE body_id = :body AND holder <> :node AND counts_until > :now
					""").param("body", body).param("node", node).param("now", Sql.utc(now)).query(Long.class).single();
			int got = (int) Math.max(0, Math.min(want, limit - sent - others - mine));
			write(body, node, mine + got, now.plus(countsFor));
			return got;
		});
	}

	/**
	 * hold: writes what this node holds of the body's allowance now (never more than it
	 * wrote last: more is only had by {@link #take}), or lets it go when that is nothing.
	 */
	void hold(long body, String node, int outstanding, Instant now, Duration countsFor) {
		locked(body, () -> {
			write(body, node, outstanding, now.plus(countsFor));
			return 0;
		});
	}

	/**
	 * held-by-others: by body, what the other nodes hold and have not yet recorded as
	 * sent.
	 */
	Map<Long, Long> heldByOthers(String node, Instant now) {
		Map<Long, Long> held = new HashMap<>();
		jdbc.sql("""
				SELECT body_id, SUM(outstanding) AS n FROM hourly_allowance_hold
				WHERE holder <> :node AND counts_until > :now GROUP BY body_id
				""")
			.param("node", node)
			.param("now", Sql.utc(now))
			.query((rs, n) -> held.put(rs.getLong("body_id"), rs.getLong("n")))
			.list();
		return held;
	}

	/** release: lets everything this node holds go, when it stops. */
	void releaseAll(String node) {
		jdbc.sql("DELETE FROM hourly_allowance_hold WHERE holder = :node").param("node", node).update();
	}

	/**
	 * Runs the work in a transaction of its own that holds the body's row, made first if
	 * the body has none yet.
	 */
	private int locked(long body, IntSupplier work) {
		for (int i = 0; i < 2; i++) {
			Integer done = transaction.execute(status -> {
				Optional<Long> row = jdbc.sql("SELECT body_id FROM hourly_allowance WHERE body_id = :body FOR UPDATE")
					.param("body", body)
					.query(Long.class)
					.optional();
				return row.isPresent() ? work.getAsInt() : null;
			});
			if (done != null) {
				return done;
			}
			try {
				transaction.executeWithoutResult(status -> jdbc.sql("""
						INSERT INTO hourly_allowance (body_id) SELECT :body
						WHERE NOT EXISTS (SELECT 1 FROM hourly_allowance WHERE body_id = :body)
						""").param("body", body).update());
			}
			catch (DuplicateKeyException ex) {
				// another node made it at the same moment: lock that one
			}
		}
		throw new IllegalStateException("No allowance row for body " + body);
	}

	/** write: this node's hold of the body, removed when it holds nothing. */
	private void write(long body, String node, int outstanding, Instant until) {
		if (outstanding <= 0) {
			jdbc.sql("DELETE FROM hourly_allowance_hold WHERE body_id = :body AND holder = :node")
				.param("body", body)
				.param("node", node)
				.update();
			return;
		}
		int updated = jdbc.sql("""
				UPDATE hourly_allowance_hold SET outstanding = :outstanding, counts_until = :until
				WHERE body_id = :body AND holder = :node
				""")
			.param("outstanding", outstanding)
			.param("until", Sql.utc(until))
			.param("body", body)
			.param("node", node)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO hourly_allowance_hold (body_id, holder, outstanding, counts_until)
					VALUES (:body, :node, :outstanding, :until)
					""")
				.param("body", body)
				.param("node", node)
				.param("outstanding", outstanding)
				.param("until", Sql.utc(until))
				.update();
		}
	}

}
