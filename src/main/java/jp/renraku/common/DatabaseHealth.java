package jp.renraku.common;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database part of {@code /actuator/health}: a write to a real table (the
 * installation secret's single row, with its check constraint), rolled back. A check of
 * the connection alone said UP while every write failed. Named {@code dbHealthIndicator}
 * so that it replaces Spring Boot's own.
 */
@Component("dbHealthIndicator")
class DatabaseHealth extends AbstractHealthIndicator {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	DatabaseHealth(JdbcClient jdbc, TransactionTemplate transactions) {
		super("database check failed");
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		transactions.executeWithoutResult(status -> {
			// probe-write: touches the row and its constraint, then gives the change back
			int rows = jdbc.sql("UPDATE installation_secret SET id = 1 WHERE id = 1").update();
			status.setRollbackOnly();
			if (rows != 1) {
				throw new IllegalStateException("installation secret missing");
			}
		});
		builder.up();
	}

}
