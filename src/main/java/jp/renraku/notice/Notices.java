package jp.renraku.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Storage of notices and their audience. Every staff read carries the body id.
 */
@Repository
class Notices {

	private final JdbcClient jdbc;

	Notices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long bodyId, long authorId, NoticeDraft draft, @Nullable Long remindOf, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO notice (body_id, author_id, subject, body_text, emergency, ask_confirmation, state,
				                    answer_deadline, auto_remind_times, auto_remind_minutes, remind_of, track_opens,
				                    created_at, updated_at)
				VALUES (:bodyId, :authorId, :subject, :text, :emergency, :ask, 'DRAFT',
				        :deadline, :remindTimes, :remindMinutes, :remindOf, :track, :now, :now)
				""")
			.param("track", draft.trackOpens())
			.param("ask", draft.askConfirmation())
			.param("deadline", Sql.utcOrNull(draft.answerDeadline()))
			.param("remindTimes", draft.autoRemindTimes())
			.param("remindMinutes", draft.autoRemindMinutes())
			.param("remindOf", remindOf)
			.param("bodyId", bodyId)
			.param("authorId", authorId)
			.param("subject", draft.subject())
			.param("text", draft.text())
			.param("emergency", draft.emergency())
			.param("now", Sql.utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		replaceAudience(id, draft);
		return id;
	}

	/** update-draft: only while the notice is a draft. */
	boolean update(long id, long bodyId, NoticeDraft draft, Instant now) {
		int updated = jdbc.sql("""
				UPDATE notice SET subject = :subject, body_text = :text, emergency = :emergency,
				       ask_confirmation = :ask, answer_deadline = :deadline, auto_remind_times = :remindTimes,
				       auto_remind_minutes = :remindMinutes, track_opens = :track, updated_at = :now,
				       state = 'DRAFT', approved_by = NULL, approved_at = NULL
				WHERE id = :id AND body_id = :bodyId AND state IN ('DRAFT', 'APPROVED')
				""")
			.param("subject", draft.subject())
			.param("text", draft.text())
			.param("emergency", draft.emergency())
			.param("ask", draft.askConfirmation())
			.param("deadline", Sql.utcOrNull(draft.answerDeadline()))
			.param("remindTimes", draft.autoRemindTimes())
			.param("remindMinutes", draft.autoRemindMinutes())
			.param("track", draft.trackOpens())
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update();
		if (updated == 1) {
			replaceAudience(id, draft);
		}
		return updated == 1;
	}

	private void replaceAudience(long id, NoticeDraft draft) {
		jdbc.sql("DELETE FROM notice_list WHERE notice_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM notice_category WHERE notice_id = :id").param("id", id).update();
		for (Long list : draft.listIds()) {
			jdbc.sql("INSERT INTO notice_list (notice_id, list_id) VALUES (:id, :list)")
				.param("id", id)
				.param("list", list)
				.update();
		}
		jdbc.sql("DELETE FROM notice_affiliation WHERE notice_id = :id").param("id", id).update();
		for (String affiliation : draft.affiliations()) {
			jdbc.sql("INSERT INTO notice_affiliation (notice_id, affiliation) VALUES (:id, :affiliation)")
				.param("id", id)
				.param("affiliation", affiliation)
				.update();
		}
		jdbc.sql("DELETE FROM notice_answer WHERE notice_id = :id").param("id", id).update();
		draft.answers()
			.forEach((field,
					answers) -> answers.forEach(answer -> jdbc
						.sql("INSERT INTO notice_answer (notice_id, field_id, answer) VALUES (:id, :field, :answer)")
						.param("id", id)
						.param("field", field)
						.param("answer", answer)
						.update()));
		jdbc.sql("DELETE FROM notice_question WHERE notice_id = :id").param("id", id).update();
		for (NoticeQuestion question : draft.questions()) {
			jdbc.sql("""
					INSERT INTO notice_question (notice_id, position, kind, label, options, required, max_length)
					VALUES (:id, :position, :kind, :label, :options, :required, :maxLength)
					""")
				.param("id", id)
				.param("position", question.position())
				.param("kind", question.kind().name())
				.param("label", question.label())
				.param("options", question.options().isEmpty() ? null : String.join("\n", question.options()))
				.param("required", question.required())
				.param("maxLength", question.maxLength())
				.update();
		}
		for (Long category : draft.categoryIds()) {
			jdbc.sql("INSERT INTO notice_category (notice_id, category_id) VALUES (:id, :category)")
				.param("id", id)
				.param("category", category)
				.update();
		}
	}

	/**
	 * mark-released: the one transition out of draft; false when it was not a draft any
	 * more.
	 */
	boolean markReleased(long id, long bodyId, long releasedBy, int recipients, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = 'RELEASED', recipients = :recipients, released_by = :by, released_at = :now,
				       updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state IN ('DRAFT', 'APPROVED', 'SCHEDULED')
				""")
			.param("recipients", recipients)
			.param("by", releasedBy)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update() == 1;
	}

	/** schedule: a draft gets its release time. */
	boolean schedule(long id, long bodyId, Instant at, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = 'SCHEDULED', scheduled_at = :at, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state IN ('DRAFT', 'APPROVED')
				""")
			.param("at", Sql.utc(at))
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update() == 1;
	}

	/** unschedule: back to a draft, only while it has not been released. */
	boolean unschedule(long id, long bodyId, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = CASE WHEN approved_by IS NULL THEN 'DRAFT' ELSE 'APPROVED' END,
				       scheduled_at = NULL, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = 'SCHEDULED'
				""").param("now", Sql.utc(now)).param("id", id).param("bodyId", bodyId).update() == 1;
	}

	/** move: one approval step, only from the expected state. */
	boolean move(long id, long bodyId, NoticeState from, NoticeState to,
			@org.jspecify.annotations.Nullable Long approvedBy, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = :to, approved_by = :by,
				       approved_at = CASE WHEN :approving THEN :now ELSE NULL END, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = :from
				""")
			.param("to", to.name())
			.param("by", approvedBy)
			.param("approving", approvedBy != null)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.param("from", from.name())
			.update() == 1;
	}

	void markBypassed(long id) {
		jdbc.sql("UPDATE notice SET approval_bypassed = TRUE WHERE id = :id").param("id", id).update();
	}

	/** auto-reminding: released notices with automatic reminders still to go. */
	List<Notice> autoReminding() {
		return jdbc.sql("""
				SELECT * FROM notice WHERE state = 'RELEASED' AND remind_of IS NULL AND ask_confirmation
				AND auto_remind_times > reminders_sent ORDER BY id
				""").query(this::row).list();
	}

	/** change-deadline: of a released notice that asks for confirmation. */
	boolean changeDeadline(long id, long bodyId, Instant deadline, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET answer_deadline = :deadline, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = 'RELEASED' AND ask_confirmation AND remind_of IS NULL
				""")
			.param("deadline", Sql.utc(deadline))
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.update() == 1;
	}

	/** claim-reminder: counts the next reminder; false if another node counted it. */
	boolean claimReminder(long id, int seen) {
		return jdbc
			.sql("UPDATE notice SET reminders_sent = reminders_sent + 1 WHERE id = :id AND reminders_sent = :seen")
			.param("id", id)
			.param("seen", seen)
			.update() == 1;
	}

	List<Notice> remindersOf(long id, long bodyId) {
		return jdbc.sql("SELECT * FROM notice WHERE remind_of = :id AND body_id = :bodyId ORDER BY id")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.list();
	}

	/** due-scheduled: notices whose time has come. */
	List<Notice> dueScheduled(Instant now) {
		return jdbc.sql("SELECT * FROM notice WHERE state = 'SCHEDULED' AND scheduled_at <= :now ORDER BY scheduled_at")
			.param("now", Sql.utc(now))
			.query(this::row)
			.list();
	}

	Optional<Notice> find(long id, long bodyId) {
		return jdbc.sql("SELECT * FROM notice WHERE id = :id AND body_id = :bodyId")
			.param("id", id)
			.param("bodyId", bodyId)
			.query(this::row)
			.optional();
	}

	/**
	 * What a confirmation page shows of a released notice that asks for confirmation: its
	 * subject and questions, and until when it takes answers ({@code deadline}, or none
	 * given: {@code releasedAt} plus the installation's default period).
	 */
	record ReceiptNotice(long id, String subject, List<NoticeQuestion> questions, Instant releasedAt,
			@Nullable Instant deadline) {

		Instant closesAt(java.time.Duration defaultPeriod) {
			return deadline != null ? deadline : releasedAt.plus(defaultPeriod);
		}

	}

	/**
	 * Light queries for the confirmation link's page: thousands of residents open it at
	 * once, and the full {@link #row} would take a second connection per request for its
	 * lists.
	 */
	Optional<ReceiptNotice> receiptNotice(long id) {
		return jdbc.sql("""
				SELECT id, subject, released_at, answer_deadline FROM notice
				WHERE id = :id AND state = 'RELEASED' AND ask_confirmation
				""")
			.param("id", id)
			.query((rs, n) -> new ReceiptNotice(rs.getLong("id"), rs.getString("subject"), List.of(),
					rs.getObject("released_at", OffsetDateTime.class).toInstant(),
					Sql.instant(rs.getObject("answer_deadline", OffsetDateTime.class))))
			.optional()
			.map(notice -> new ReceiptNotice(notice.id(), notice.subject(), questions(id), notice.releasedAt(),
					notice.deadline()));
	}

	Optional<Notice> findReleased(long id) {
		return jdbc.sql("SELECT * FROM notice WHERE id = :id AND state = 'RELEASED'")
			.param("id", id)
			.query(this::row)
			.optional();
	}

	List<Notice> ofBody(long bodyId) {
		return jdbc.sql("SELECT * FROM notice WHERE body_id = :bodyId ORDER BY id DESC LIMIT 200")
			.param("bodyId", bodyId)
			.query(this::row)
			.list();
	}

	private Notice row(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		List<Long> lists = jdbc.sql("SELECT list_id FROM notice_list WHERE notice_id = :id ORDER BY list_id")
			.param("id", id)
			.query(Long.class)
			.list();
		List<Long> categories = jdbc
			.sql("SELECT category_id FROM notice_category WHERE notice_id = :id ORDER BY category_id")
			.param("id", id)
			.query(Long.class)
			.list();
		List<String> affiliations = jdbc
			.sql("SELECT affiliation FROM notice_affiliation WHERE notice_id = :id ORDER BY affiliation")
			.param("id", id)
			.query(String.class)
			.list();
		Map<Long, List<String>> answers = new LinkedHashMap<>();
		jdbc.sql("SELECT field_id, answer FROM notice_answer WHERE notice_id = :id ORDER BY field_id, answer")
			.param("id", id)
			.query((row, i) -> answers.computeIfAbsent(row.getLong("field_id"), k -> new ArrayList<>())
				.add(row.getString("answer")))
			.list();
		return new Notice(id, rs.getLong("body_id"), rs.getLong("author_id"), rs.getString("subject"),
				rs.getString("body_text"), rs.getBoolean("emergency"), NoticeState.valueOf(rs.getString("state")),
				(Integer) rs.getObject("recipients", Integer.class),
				Sql.instant(rs.getObject("released_at", OffsetDateTime.class)),
				Sql.instant(rs.getObject("scheduled_at", OffsetDateTime.class)),
				(Long) rs.getObject("approved_by", Long.class), rs.getBoolean("approval_bypassed"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), lists, categories, affiliations, answers,
				rs.getBoolean("ask_confirmation"), questions(id),
				Sql.instant(rs.getObject("answer_deadline", OffsetDateTime.class)),
				(Long) rs.getObject("remind_of", Long.class), rs.getInt("auto_remind_times"),
				(Integer) rs.getObject("auto_remind_minutes", Integer.class), rs.getInt("reminders_sent"),
				rs.getBoolean("track_opens"));
	}

	List<NoticeQuestion> questions(long noticeId) {
		return jdbc.sql("SELECT * FROM notice_question WHERE notice_id = :id ORDER BY position")
			.param("id", noticeId)
			.query((rs, n) -> new NoticeQuestion(rs.getInt("position"),
					NoticeQuestion.Kind.valueOf(rs.getString("kind")), rs.getString("label"),
					rs.getString("options") == null ? List.of() : rs.getString("options").lines().toList(),
					rs.getBoolean("required"), rs.getInt("max_length")))
			.list();
	}

}
