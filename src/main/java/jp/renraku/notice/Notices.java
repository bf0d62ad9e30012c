package jp.renraku.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.common.Sql;
import jp.renraku.confirmation.ConfirmableNotice;
import jp.renraku.confirmation.NoticeQuestion;
import jp.renraku.delivery.NoticeId;
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

	private final NoticeAudiences audiences;

	Notices(JdbcClient jdbc, NoticeAudiences audiences) {
		this.jdbc = jdbc;
		this.audiences = audiences;
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
		audiences.replace(id, draft);
		return id;
	}

	/**
	 * changed-draft: something of the notice besides its form changed (a file, a
	 * version): a draft again, its approval lapsed. False when it can no longer be
	 * changed.
	 */
	boolean changed(long id, long bodyId, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET updated_at = :now, state = 'DRAFT', approved_by = NULL, approved_at = NULL
				WHERE id = :id AND body_id = :bodyId AND state IN ('DRAFT', 'APPROVED')
				""").param("now", Sql.utc(now)).param("id", id).param("bodyId", bodyId).update() == 1;
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
			audiences.replace(id, draft);
		}
		return updated == 1;
	}

	/**
	 * release: the transition to released, with the count and who released it; false when
	 * the notice moved meanwhile (another node released it first).
	 */
	boolean markReleased(Notice notice, Notice.Transition release, long releasedBy, int recipients, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = 'RELEASED', recipients = :recipients, released_by = :by, released_at = :now,
				       updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = :from
				""")
			.param("recipients", recipients)
			.param("by", releasedBy)
			.param("now", Sql.utc(now))
			.param("id", notice.id())
			.param("bodyId", notice.bodyId())
			.param("from", release.from().name())
			.update() == 1;
	}

	/** schedule: the notice gets its release time, if it is still where it was. */
	boolean schedule(Notice notice, Notice.Transition schedule, Instant at, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = 'SCHEDULED', scheduled_at = :at, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = :from
				""")
			.param("at", Sql.utc(at))
			.param("now", Sql.utc(now))
			.param("id", notice.id())
			.param("bodyId", notice.bodyId())
			.param("from", schedule.from().name())
			.update() == 1;
	}

	/** unschedule: back to draft (or approved), only while it has not been released. */
	boolean unschedule(Notice notice, Notice.Transition unschedule, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = :to, scheduled_at = NULL, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = :from
				""")
			.param("to", unschedule.to().name())
			.param("now", Sql.utc(now))
			.param("id", notice.id())
			.param("bodyId", notice.bodyId())
			.param("from", unschedule.from().name())
			.update() == 1;
	}

	/** move: one approval step, only from the state the transition starts at. */
	boolean move(long id, long bodyId, Notice.Transition step, Instant now) {
		return jdbc.sql("""
				UPDATE notice SET state = :to, approved_by = :by,
				       approved_at = CASE WHEN :approving THEN :now ELSE NULL END, updated_at = :now
				WHERE id = :id AND body_id = :bodyId AND state = :from
				""")
			.param("to", step.to().name())
			.param("by", step.approvedBy())
			.param("approving", step.approvedBy() != null)
			.param("now", Sql.utc(now))
			.param("id", id)
			.param("bodyId", bodyId)
			.param("from", step.from().name())
			.update() == 1;
	}

	void markBypassed(long id) {
		jdbc.sql("UPDATE notice SET approval_bypassed = TRUE WHERE id = :id").param("id", id).update();
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

	/** The columns {@link #base} reads. */
	private static final String COLUMNS = """
			id, body_id, author_id, subject, body_text, emergency, state, recipients, released_at, scheduled_at,
			approved_by, approval_bypassed, created_at, ask_confirmation, answer_deadline, remind_of,
			auto_remind_times, auto_remind_minutes, reminders_sent, track_opens
			""";

	/** reminders-of: a notice's reminders, oldest first. */
	List<Notice> remindersOf(long id, long bodyId) {
		return notices("WHERE remind_of = :id AND body_id = :bodyId ORDER BY id", Map.of("id", id, "bodyId", bodyId));
	}

	/** due-scheduled: notices whose time has come. */
	List<Notice> dueScheduled(Instant now) {
		return notices("WHERE state = 'SCHEDULED' AND scheduled_at <= :now ORDER BY scheduled_at",
				Map.of("now", Sql.utc(now)));
	}

	/** auto-reminding: released notices with automatic reminders still to go. */
	List<Notice> autoReminding() {
		return notices(
				"""
						WHERE state = 'RELEASED' AND remind_of IS NULL AND ask_confirmation AND auto_remind_times > reminders_sent
						ORDER BY id
						""",
				Map.of());
	}

	/** find: the body's notice (the tenancy guard: another body's is absent). */
	Optional<Notice> find(long id, long bodyId) {
		return notices("WHERE id = :id AND body_id = :bodyId", Map.of("id", id, "bodyId", bodyId)).stream().findFirst();
	}

	/** find-released: any body's released notice, for the engine and the links. */
	Optional<Notice> findReleased(long id) {
		return notices("WHERE id = :id AND state = 'RELEASED'", Map.of("id", id)).stream().findFirst();
	}

	/**
	 * confirmable: a released notice as the confirmation links need it, by a light query:
	 * thousands of residents open them at once.
	 */
	Optional<ConfirmableNotice> confirmable(long id) {
		return jdbc.sql("""
				SELECT id, body_id, subject, released_at, answer_deadline, ask_confirmation, track_opens FROM notice
				WHERE id = :id AND state = 'RELEASED'
				""")
			.param("id", id)
			.query((rs, n) -> new ConfirmableNotice(NoticeId.of(rs.getLong("id")), rs.getLong("body_id"),
					rs.getString("subject"), List.of(), rs.getObject("released_at", OffsetDateTime.class).toInstant(),
					Sql.instant(rs.getObject("answer_deadline", OffsetDateTime.class)),
					rs.getBoolean("ask_confirmation"), rs.getBoolean("track_opens")))
			.optional()
			.map(n -> new ConfirmableNotice(n.id(), n.bodyId(), n.subject(),
					questions(List.of(id)).getOrDefault(id, List.of()), n.releasedAt(), n.deadline(),
					n.askConfirmation(), n.trackOpens()));
	}

	/** of-body: the body's last 200 notices, newest first. */
	List<Notice> ofBody(long bodyId) {
		return notices("WHERE body_id = :bodyId ORDER BY id DESC LIMIT 200", Map.of("bodyId", bodyId));
	}

	/**
	 * The notices a condition selects, with their audiences and questions: one statement
	 * for the notices and one per kind of detail for all of them, however many there are
	 * (a page of 200 is six statements, not a thousand).
	 */
	private List<Notice> notices(String where, Map<String, ?> params) {
		List<Base> bases = jdbc.sql("SELECT " + COLUMNS + " FROM notice " + where)
			.params(params)
			.query(Notices::base)
			.list();
		if (bases.isEmpty()) {
			return List.of();
		}
		List<Long> ids = bases.stream().map(Base::id).toList();
		Map<Long, List<Long>> lists = longs(
				"SELECT notice_id, list_id FROM notice_list WHERE notice_id IN (:ids)" + " ORDER BY list_id", ids);
		Map<Long, List<Long>> categories = longs("SELECT notice_id, category_id FROM notice_category"
				+ " WHERE notice_id IN (:ids) ORDER BY category_id", ids);
		Map<Long, List<String>> affiliations = new HashMap<>();
		jdbc.sql("SELECT notice_id, affiliation FROM notice_affiliation WHERE notice_id IN (:ids) ORDER BY affiliation")
			.param("ids", ids)
			.query(rs -> {
				affiliations.computeIfAbsent(rs.getLong("notice_id"), k -> new ArrayList<>())
					.add(rs.getString("affiliation"));
			});
		Map<Long, Map<Long, List<String>>> answers = new HashMap<>();
		jdbc.sql("SELECT notice_id, field_id, answer FROM notice_answer WHERE notice_id IN (:ids)"
				+ " ORDER BY field_id, answer")
			.param("ids", ids)
			.query(rs -> {
				answers.computeIfAbsent(rs.getLong("notice_id"), k -> new LinkedHashMap<>())
					.computeIfAbsent(rs.getLong("field_id"), k -> new ArrayList<>())
					.add(rs.getString("answer"));
			});
		Map<Long, List<NoticeQuestion>> questions = questions(ids);
		return bases.stream()
			.map(b -> b.notice(lists.getOrDefault(b.id(), List.of()), categories.getOrDefault(b.id(), List.of()),
					affiliations.getOrDefault(b.id(), List.of()), answers.getOrDefault(b.id(), Map.of()),
					questions.getOrDefault(b.id(), List.of())))
			.toList();
	}

	private Map<Long, List<Long>> longs(String sql, List<Long> ids) {
		Map<Long, List<Long>> found = new HashMap<>();
		jdbc.sql(sql).param("ids", ids).query(rs -> {
			found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
		});
		return found;
	}

	/** questions: of each notice, in their order. */
	Map<Long, List<NoticeQuestion>> questions(List<Long> noticeIds) {
		Map<Long, List<NoticeQuestion>> found = new HashMap<>();
		jdbc.sql("""
				SELECT notice_id, position, kind, label, options, required, max_length FROM notice_question
				WHERE notice_id IN (:ids) ORDER BY notice_id, position
				""").param("ids", noticeIds).query(rs -> {
			String options = rs.getString("options");
			found.computeIfAbsent(rs.getLong("notice_id"), k -> new ArrayList<>())
				.add(new NoticeQuestion(rs.getInt("position"), NoticeQuestion.Kind.valueOf(rs.getString("kind")),
						rs.getString("label"), options == null ? List.of() : options.lines().toList(),
						rs.getBoolean("required"), rs.getInt("max_length")));
		});
		return found;
	}

	/** A notice's own row, before its audience and questions are added. */
	private record Base(long id, long bodyId, long authorId, String subject, String text, boolean emergency,
			NoticeState state, @Nullable Integer recipients, @Nullable Instant releasedAt,
			@Nullable Instant scheduledAt, @Nullable Long approvedBy, boolean approvalBypassed, Instant createdAt,
			boolean askConfirmation, @Nullable Instant answerDeadline, @Nullable Long remindOf, int autoRemindTimes,
			@Nullable Integer autoRemindMinutes, int remindersSent, boolean trackOpens) {

		Notice notice(List<Long> lists, List<Long> categories, List<String> affiliations,
				Map<Long, List<String>> answers, List<NoticeQuestion> questions) {
			return new Notice(id, bodyId, authorId, subject, text, emergency, state, recipients, releasedAt,
					scheduledAt, approvedBy, approvalBypassed, createdAt, lists, categories, affiliations, answers,
					askConfirmation, questions, answerDeadline, remindOf, autoRemindTimes, autoRemindMinutes,
					remindersSent, trackOpens);
		}

	}

	private static Base base(ResultSet rs, int n) throws SQLException {
		return new Base(rs.getLong("id"), rs.getLong("body_id"), rs.getLong("author_id"), rs.getString("subject"),
				rs.getString("body_text"), rs.getBoolean("emergency"), NoticeState.valueOf(rs.getString("state")),
				rs.getObject("recipients", Integer.class),
				Sql.instant(rs.getObject("released_at", OffsetDateTime.class)),
				Sql.instant(rs.getObject("scheduled_at", OffsetDateTime.class)),
				rs.getObject("approved_by", Long.class), rs.getBoolean("approval_bypassed"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("ask_confirmation"),
				Sql.instant(rs.getObject("answer_deadline", OffsetDateTime.class)),
				rs.getObject("remind_of", Long.class), rs.getInt("auto_remind_times"),
				rs.getObject("auto_remind_minutes", Integer.class), rs.getInt("reminders_sent"),
				rs.getBoolean("track_opens"));
	}

	/** test-sent: the notice was sent to its writer as a test (for the first steps). */
	void testSent(long noticeId, Instant at) {
		jdbc.sql("UPDATE notice SET test_sent_at = :at WHERE id = :id")
			.param("at", Sql.utc(at))
			.param("id", noticeId)
			.update();
	}

}
