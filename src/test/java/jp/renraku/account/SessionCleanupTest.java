package jp.renraku.account;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jp.renraku.RenrakuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 18: every node deletes expired sessions each minute. The clean-up deletes expired
 * rows with their attributes, leaves live ones, and skips rows another node is deleting
 * at that moment instead of waiting for them.
 */
@RenrakuIntegrationTest
class SessionCleanupTest {

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * A session row expiring at the given time (epoch milliseconds), with one attribute.
	 */
	private String session(long expiry) {
		String primary = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,
				                            max_inactive_interval, expiry_time, principal_name)
				VALUES (:primary, :session, :begun, :begun, 900, :expiry, NULL)
				""")
			.param("primary", primary)
			.param("session", UUID.randomUUID().toString())
			.param("begun", expiry - 900_000)
			.param("expiry", expiry)
			.update();
		jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
				+ " VALUES (:primary, 'a', :bytes)")
			.param("primary", primary)
			.param("bytes", new byte[] { 1 })
			.update();
		return primary;
	}

	private boolean stored(String primary) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE primary_id = :primary")
			.param("primary", primary)
			.query(Long.class)
			.single() == 1;
	}

	@Test
	void expiredSessionsGoWithTheirAttributesAndLiveOnesStay() {
		long now = System.currentTimeMillis();
		String expired = session(now - 60_000);
		String live = session(now + 600_000);
		try {
			sessions.cleanUpExpiredSessions();
			assertThat(stored(expired)).isFalse();
			assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session_attributes WHERE session_primary_id = :primary")
				.param("primary", expired)
				.query(Long.class)
				.single()).isZero();
			assertThat(stored(live)).isTrue();
		}
		finally {
			jdbc.sql("DELETE FROM spring_session WHERE primary_id = :primary").param("primary", live).update();
		}
	}

	@Test
	void aCleanUpSkipsTheRowsAnotherNodeIsDeleting() throws Exception {
		String expired = session(System.currentTimeMillis() - 60_000);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		// another node's clean-up, holding the expired row
		CompletableFuture<Void> other = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT primary_id FROM spring_session WHERE primary_id = :primary FOR UPDATE")
				.param("primary", expired)
				.query(String.class)
				.single();
			locked.countDown();
			try {
				done.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			assertTimeoutPreemptively(Duration.ofSeconds(5), sessions::cleanUpExpiredSessions,
					"the clean-up waited for the other node's lock");
			assertThat(stored(expired)).as("the row the other node holds").isTrue();
		}
		finally {
			done.countDown();
			other.get(20, TimeUnit.SECONDS);
		}
		sessions.cleanUpExpiredSessions();
		assertThat(stored(expired)).isFalse();
	}

}
