package jp.renraku.common;

import java.sql.DatabaseMetaData;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps PostgreSQL's picture of a table current after a large change. Right after tens of
 * thousands of rows are written (a release queues one per recipient, a CSV import one per
 * registrant), the planner still believes the table holds what it held at the last
 * automatic ANALYZE — nothing, on a new installation — and reads the whole table for each
 * batch the delivery workers claim or look up: measured with bench/delivery.sh, about
 * half of the database's work for 100,000 messages. So a change of many rows is followed,
 * after its commit and off the caller's thread, by an ANALYZE of the table, which gives
 * way after a few seconds if autovacuum holds the table. H2 plans without statistics.
 */
@Component
public class TableStatistics {

	private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

	/** A change at least this large refreshes the statistics. */
	static final long MANY = 10_000;

	/** The tables that may be named: a name goes into the statement as it is. */
	private static final Set<String> TABLES = Set.of("delivery", "registrant");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final boolean postgres;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final ExecutorService analyzer = Executors.newSingleThreadExecutor(run -> {
		Thread thread = new Thread(run, "queue-statistics");
		thread.setDaemon(true);
		return thread;
	});

	TableStatistics(JdbcTemplate jdbc, TransactionTemplate transaction, DataSource dataSource) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.postgres = "PostgreSQL".equals(product(dataSource));
	}

	/** Rows of the table were written in the current transaction. */
	public void changed(String table, long rows) {
		if (!TABLES.contains(table)) {
			throw new IllegalArgumentException("no statistics kept for " + table);
		}
		if (!postgres || rows < MANY) {
			return;
		}
		AfterCommit.run(() -> refresh(table));
	}

	private void refresh(String table) {
		if (pending.add(table)) {
			analyzer.execute(() -> analyze(table));
		}
	}

	private void analyze(String table) {
		try {
			transaction.executeWithoutResult(status -> {
				jdbc.execute("SET LOCAL lock_timeout = '5s'");
				jdbc.execute("ANALYZE " + table);
			});
		}
		catch (DataAccessException ex) {
			// autovacuum has the table: it will leave fresh statistics itself
			log.debug("ANALYZE of {} gave way", table, ex);
		}
		finally {
			pending.remove(table);
		}
	}

	private static String product(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			return "";
		}
	}

	@PreDestroy
	void stop() {
		analyzer.shutdownNow();
	}

}
