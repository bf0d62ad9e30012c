package jp.renraku.account;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Staff sessions live in the database (issue 18; tables {@code spring_session} and
 * {@code spring_session_attributes}, Flyway V49), so that any node serves any request and
 * a sign-out ends the session everywhere. Spring Boot sets the store up from
 * {@code spring.session.jdbc.*} and takes the idle expiry from
 * {@code server.servlet.session.timeout}; this class changes two of Spring Session's
 * statements for several nodes on one database.
 * <p>
 * Every node deletes expired sessions once a minute
 * ({@code spring.session.jdbc.cleanup-cron}). The stock statement deletes every expired
 * row in one go, so two nodes at the same second wait for each other's row locks, and may
 * deadlock on them; here each node deletes a bounded batch and skips rows another node is
 * deleting ({@code FOR UPDATE SKIP LOCKED}, which H2 and PostgreSQL both take). On
 * PostgreSQL an attribute that two requests of one session add at the same moment is
 * written instead of refused as a duplicate (Spring Session's own upsert).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/**
	 * name: delete-expired-sessions — at most 10,000 of the sessions expired before the
	 * given time (epoch milliseconds) that no other node is deleting, their attributes
	 * with them (ON DELETE CASCADE); the next minute takes the rest.
	 */
	static final String DELETE_EXPIRED = """
			DELETE FROM %TABLE_NAME%
			WHERE PRIMARY_ID IN (
			    SELECT PRIMARY_ID FROM %TABLE_NAME% WHERE EXPIRY_TIME < ?
			    ORDER BY EXPIRY_TIME LIMIT 10000 FOR UPDATE SKIP LOCKED)
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> clusterSessionStatements(DataSource dataSource) {
		boolean postgres = "PostgreSQL".equals(product(dataSource));
		return repository -> {
			repository.setDeleteSessionsByExpiryTimeQuery(DELETE_EXPIRED);
			if (postgres) {
				new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
			}
		};
	}

	private static String product(DataSource dataSource) {
		try {
			return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			return "";
		}
	}

}
