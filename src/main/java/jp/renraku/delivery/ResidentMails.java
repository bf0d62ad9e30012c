package jp.renraku.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jp.renraku.common.Contact;
import jp.renraku.common.Language;
import jp.renraku.common.Sender;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The outbox of single mails to residents. A row is sent at once after its writer's
 * commit by the thread that wrote it ({@link DeliveryEngine#sendResident}), or later by
 * the engine's workers when the carrier's pace or the relay made it wait; a sent row is
 * deleted with its address.
 */
@Repository
class ResidentMails {

	/** A queued mail as the engine sends it. */
	record Queued(long id, long bodyId, String to, Sender sender, String subject, String text,
			@Nullable String unsubscribeUrl, int attempts, Language language) {
	}

	private static final String COLUMNS = """
			id, body_id, to_address, sender_name, from_address, subject_tag, contact_section, contact_phone,
			contact_hours, contact_email, contact_url, subject, body_text, unsubscribe_url, attempts, language
			""";

	private final JdbcClient jdbc;

	private final DeliveryMeters meters;

	ResidentMails(JdbcClient jdbc, DeliveryMeters meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	/** queue-resident-mail: a new single mail, due now; returns its id. */
	long queue(ResidentMail mail, Instant now) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		Contact contact = mail.sender().contact();
		jdbc.sql("""
				INSERT INTO resident_mail (body_id, to_address, sender_name, from_address, subject_tag,
				       contact_section, contact_phone, contact_hours, contact_email, contact_url, subject, body_text,
				       unsubscribe_url, status, attempts, next_attempt_at, created_at, language)
				VALUES (:body, :to, :name, :from, :tag, :section, :phone, :hours, :email, :url, :subject, :text,
				        :unsubscribe, 'QUEUED', 0, :now, :now, :language)
				""")
			.param("language", mail.language().code())
			.param("body", mail.bodyId())
			.param("to", mail.to())
			.param("name", clip(mail.sender().displayName(), 100))
			.param("from", mail.sender().fromAddress())
			.param("tag", mail.sender().subjectTag())
			.param("section", contact.section())
			.param("phone", contact.phone())
			.param("hours", contact.hours())
			.param("email", contact.email())
			.param("url", contact.url())
			.param("subject", clip(mail.subject(), 400))
			.param("text", clip(mail.text(), 8000))
			.param("unsubscribe", mail.unsubscribeUrl())
			.param("now", Sql.utc(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/** claim-one: the mail just queued, for its writer's thread; empty if taken. */
	Optional<Queued> claim(long id, String worker, Instant now, Duration lease) {
		int claimed = jdbc.sql("""
				UPDATE resident_mail SET status = 'SENDING', lease_until = :until, claimed_by = :worker
				WHERE id = :id AND status = 'QUEUED'
				""").param("until", Sql.utc(now.plus(lease))).param("worker", worker).param("id", id).update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM resident_mail WHERE id = :id")
			.param("id", id)
			.query(ResidentMails::queued)
			.optional();
	}

	/**
	 * claim-due: mails waiting for a retry or their carrier's pace, and mails whose lease
	 * ran out (a writer that died before sending), locked so that other workers skip
	 * them.
	 */
	List<Queued> claimDue(String worker, int limit, Instant now, Duration lease) {
		List<Queued> due = jdbc.sql("SELECT " + COLUMNS + """
				FROM resident_mail
				WHERE (status IN ('QUEUED', 'RETRYING', 'DEFERRED') AND next_attempt_at <= :now)
				   OR (status = 'SENDING' AND lease_until < :now)
				ORDER BY id
				LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""").param("now", Sql.utc(now)).param("limit", limit).query(ResidentMails::queued).list();
		if (!due.isEmpty()) {
			jdbc.sql("""
					UPDATE resident_mail SET status = 'SENDING', lease_until = :until, claimed_by = :worker
					WHERE id IN (:ids)
					""")
				.param("until", Sql.utc(now.plus(lease)))
				.param("worker", worker)
				.param("ids", due.stream().map(Queued::id).toList())
				.update();
		}
		return due;
	}

	/** sent: the relay took it; the row goes, address and all. */
	void sent(long id) {
		jdbc.sql("DELETE FROM resident_mail WHERE id = :id").param("id", id).update();
		meters.resident(DeliveryStatus.SENT);
	}

	/**
	 * not-sent: waits (retrying or deferred) or failed for good, with the reply. A failed
	 * mail loses its text at once (it may hold a personal link); its address and the
	 * relay's reply stay for the operator until {@link #purgeFailed}.
	 */
	void notSent(long id, DeliveryStatus status, int attempts, Instant nextAttemptAt, @Nullable String reply) {
		jdbc.sql("""
				UPDATE resident_mail SET status = :status, attempts = :attempts, next_attempt_at = :next,
				       last_reply = :reply, lease_until = NULL,
				       body_text = CASE WHEN :status = 'FAILED' THEN '' ELSE body_text END
				WHERE id = :id
				""")
			.param("status", status.name())
			.param("attempts", attempts)
			.param("next", Sql.utc(nextAttemptAt))
			.param("reply", reply == null ? null : clip(reply, 1000))
			.param("id", id)
			.update();
		meters.resident(status);
	}

	/** purge-failed: failed mails older than the time their addresses are kept. */
	int purgeFailed(Instant before) {
		return jdbc.sql("DELETE FROM resident_mail WHERE status = 'FAILED' AND created_at < :before")
			.param("before", Sql.utc(before))
			.update();
	}

	private static Queued queued(ResultSet rs, int n) throws SQLException {
		Sender sender = new Sender(rs.getString("sender_name"), rs.getString("from_address"),
				rs.getString("subject_tag"), new Contact(rs.getString("contact_section"), rs.getString("contact_phone"),
						rs.getString("contact_hours"), rs.getString("contact_email"), rs.getString("contact_url")));
		return new Queued(rs.getLong("id"), rs.getLong("body_id"), rs.getString("to_address"), sender,
				rs.getString("subject"), rs.getString("body_text"), rs.getString("unsubscribe_url"),
				rs.getInt("attempts"), Language.stored(rs.getString("language")));
	}

	private static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
