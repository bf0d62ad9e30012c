package jp.renraku.common;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jp.renraku.RenrakuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A large change is followed by an ANALYZE of its table on PostgreSQL (run by CI on
 * PostgreSQL; H2 plans without statistics), and only known tables can be named.
 */
@RenrakuIntegrationTest
class TableStatisticsTest {

	@Autowired
	TableStatistics statistics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void onlyKnownTablesCanBeNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> statistics.changed("registrant; DROP TABLE body", 1));
	}

	@Test
	void aLargeChangeIsFollowedByAnAnalyzeOfItsTable() throws Exception {
		assumeTrue("PostgreSQL"
			.equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)));
		OffsetDateTime before = lastAnalyze();
		statistics.changed("delivery", TableStatistics.MANY);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (same(before, lastAnalyze()) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(lastAnalyze()).isNotNull().satisfies(after -> assertThat(same(before, after)).isFalse());
	}

	private static boolean same(OffsetDateTime before, OffsetDateTime after) {
		return before == null ? after == null : before.equals(after);
	}

	private OffsetDateTime lastAnalyze() {
		return jdbc.sql("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'delivery'")
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
	}

}
