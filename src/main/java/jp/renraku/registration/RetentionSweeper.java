package jp.renraku.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.PersonalDataErasure;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.common.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Art. 9: when a list's operating period has ended and its retention days have passed,
 * its registrants' personal information is erased: the rows are deleted (with their
 * choices and answers), only consent records stay, and the erasure is audited with its
 * count and rule. Expired and used confirmation requests, which hold addresses, are
 * deleted too. Safe on several nodes: a list is claimed by one conditional update before
 * anything is deleted.
 */
@Component
class RetentionSweeper {

	private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

	private final JdbcClient jdbc;

	private final SignupRequests signups;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final RenrakuProperties properties;

	private final Clock clock;

	private final ObjectProvider<PersonalDataErasure> erasures;

	RetentionSweeper(JdbcClient jdbc, SignupRequests signups, AuditTrail audit, TransactionTemplate transactions,
			RenrakuProperties properties, Clock clock, ObjectProvider<PersonalDataErasure> erasures) {
		this.erasures = erasures;
		this.jdbc = jdbc;
		this.signups = signups;
		this.audit = audit;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	record Ended(long id, long bodyId, LocalDate periodEnd, int retentionDays) {
	}

	@Scheduled(cron = "${renraku.retention.sweep-cron:0 15 * * * *}", zone = "${renraku.time-zone:Asia/Tokyo}")
	void scheduled() {
		int erased = sweep();
		if (erased > 0) {
			log.info("Retention: erased the registrants of {} list(s)", erased);
		}
	}

	/**
	 * ended-lists: erases every list whose operating period ended and whose retention has
	 * run out, after purging old confirmation requests; returns how many lists were
	 * erased.
	 */
	int sweep() {
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, properties.timeZone());
		transactions.executeWithoutResult(status -> signups.purge(now));
		List<Ended> ended = jdbc.sql("""
				SELECT id, body_id, period_end, retention_days FROM registration_list
				WHERE period_end IS NOT NULL AND period_end < :today AND erased_at IS NULL
				""")
			.param("today", today)
			.query((rs, n) -> new Ended(rs.getLong("id"), rs.getLong("body_id"),
					rs.getObject("period_end", LocalDate.class), rs.getInt("retention_days")))
			.list();
		int erased = 0;
		for (Ended list : ended) {
			if (list.periodEnd().plusDays(list.retentionDays()).isBefore(today)) {
				Boolean done = transactions.execute(status -> erase(list, now));
				erased += Boolean.TRUE.equals(done) ? 1 : 0;
			}
		}
		return erased;
	}

	/**
	 * erase-list: claims the list, keeps consent records of its registrants, then deletes
	 * them (with what other modules keep about them) and its confirmation requests.
	 */
	private boolean erase(Ended list, Instant now) {
		int claimed = jdbc
			.sql("UPDATE registration_list SET erased_at = :now, registration_open = FALSE "
					+ "WHERE id = :id AND erased_at IS NULL")
			.param("now", Sql.utc(now))
			.param("id", list.id())
			.update();
		if (claimed == 0) {
			return false;
		}
		jdbc.sql("""
				INSERT INTO consent_record (list_id, registrant_id, email_hash, registered_at, ended_at, end_reason)
				SELECT list_id, id, email_hash, created_at, :now, 'RETENTION' FROM registrant WHERE list_id = :id
				""").param("now", Sql.utc(now)).param("id", list.id()).update();
		List<Long> ids = jdbc.sql("SELECT id FROM registrant WHERE list_id = :id")
			.param("id", list.id())
			.query(Long.class)
			.list();
		erasures.orderedStream().forEach(erasure -> erasure.erase(ids));
		int deleted = jdbc.sql("DELETE FROM registrant WHERE list_id = :id").param("id", list.id()).update();
		jdbc.sql("DELETE FROM signup_request WHERE list_id = :id").param("id", list.id()).update();
		audit.recordFor(null, "system", AuditAction.REGISTRANTS_ERASED, list.bodyId(), "list:" + list.id(),
				"count:" + deleted + " rule:period-end " + list.periodEnd() + " + " + list.retentionDays() + " days");
		return true;
	}

}
