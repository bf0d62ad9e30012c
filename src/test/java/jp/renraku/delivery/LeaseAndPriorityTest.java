package jp.renraku.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How released notices wait in the queue: the rows a worker claimed are its own until its
 * lease ends, then another's, and sent once; an emergency's rows come before routine
 * ones.
 */
@RenrakuIntegrationTest
class LeaseAndPriorityTest {

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
	}

	@Test
	void aCrashedWorkersRowsAreResumedAfterTheLeaseAndSentOnce() {
		long id = notices.draft(sending).subject("再開").release();
		// a worker claimed the rows and died before sending: they stay SENDING under its
		// lease
		jdbc.sql(
				"UPDATE delivery SET status = 'SENDING', claimed_by = 'dead', lease_until = :future WHERE notice_id = :id")
			.param("future", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5))
			.param("id", id)
			.update();
		assertThat(engine.sendDueNow()).isZero();
		jdbc.sql("UPDATE delivery SET lease_until = :past WHERE notice_id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("id", id)
			.update();
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(catcher.caught()).hasSize(3);
	}

	@Test
	void emergencyNoticesAreQueuedWithTheirOwnPriority() {
		long routine = notices.draft(sending).subject("通常").release();
		long emergency = notices.draft(sending).subject("緊急").emergency().release();
		assertThat(jdbc.sql("SELECT DISTINCT priority FROM delivery WHERE notice_id = :id")
			.param("id", emergency)
			.query(Integer.class)
			.list()).containsExactly(0);
		assertThat(jdbc.sql("SELECT DISTINCT priority FROM delivery WHERE notice_id = :id")
			.param("id", routine)
			.query(Integer.class)
			.list()).containsExactly(1);
		assertThat(engine.sendDueNow()).isEqualTo(6);
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NOTICE_RELEASED_EMERGENCY' AND target = :t")
					.param("t", "notice:" + emergency)
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

}
