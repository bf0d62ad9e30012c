package jp.renraku.notice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The versions of notices in further languages (issue 19), kept beside the Japanese
 * notice: a version's subject and text, and its questions' wording by position.
 */
@Repository
class NoticeVersions {

	private final JdbcClient jdbc;

	NoticeVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** versions: of each notice, by language. */
	Map<Long, Map<Language, NoticeVersion>> of(Collection<Long> noticeIds) {
		Map<Long, Map<Language, NoticeVersion>> found = new HashMap<>();
		if (noticeIds.isEmpty()) {
			return found;
		}
		Map<Long, Map<Language, Map<Integer, NoticeVersion.QuestionWording>>> questions = new HashMap<>();
		jdbc.sql("""
				SELECT notice_id, position, language, label, options FROM notice_question_version
				WHERE notice_id IN (:ids) ORDER BY notice_id, position
				""").param("ids", List.copyOf(noticeIds)).query(rs -> {
			String options = rs.getString("options");
			questions.computeIfAbsent(rs.getLong("notice_id"), k -> new EnumMap<>(Language.class))
				.computeIfAbsent(Language.stored(rs.getString("language")), k -> new HashMap<>())
				.put(rs.getInt("position"), new NoticeVersion.QuestionWording(rs.getString("label"),
						options == null ? List.of() : options.lines().toList()));
		});
		jdbc.sql("SELECT notice_id, language, subject, body_text FROM notice_version WHERE notice_id IN (:ids)")
			.param("ids", List.copyOf(noticeIds))
			.query(rs -> {
				long notice = rs.getLong("notice_id");
				Language language = Language.stored(rs.getString("language"));
				Map<Integer, NoticeVersion.QuestionWording> wording = questions.getOrDefault(notice, Map.of())
					.getOrDefault(language, Map.of());
				found.computeIfAbsent(notice, k -> new EnumMap<>(Language.class))
					.put(language,
							new NoticeVersion(language, rs.getString("subject"), rs.getString("body_text"), wording));
			});
		return found;
	}

	/** versions-of-one: the notice's versions, by language. */
	Map<Language, NoticeVersion> of(long noticeId) {
		return of(List.of(noticeId)).getOrDefault(noticeId, Map.of());
	}

	/** save-version: puts the version in place of the one in its language, if any. */
	void save(long noticeId, NoticeVersion version) {
		delete(noticeId, version.language());
		jdbc.sql("""
				INSERT INTO notice_version (notice_id, language, subject, body_text)
				VALUES (:notice, :language, :subject, :text)
				""")
			.param("notice", noticeId)
			.param("language", version.language().code())
			.param("subject", version.subject())
			.param("text", version.text())
			.update();
		List<Object[]> rows = new ArrayList<>();
		version.questions()
			.forEach((position, wording) -> rows.add(new Object[] { noticeId, position, version.language().code(),
					wording.label(), wording.options().isEmpty() ? null : String.join("\n", wording.options()) }));
		for (Object[] row : rows) {
			jdbc.sql("""
					INSERT INTO notice_question_version (notice_id, position, language, label, options)
					VALUES (?, ?, ?, ?, ?)
					""").params(row).update();
		}
	}

	/**
	 * delete-version: the notice's version in that language and its questions' wording.
	 */
	void delete(long noticeId, Language language) {
		jdbc.sql("DELETE FROM notice_question_version WHERE notice_id = :notice AND language = :language")
			.param("notice", noticeId)
			.param("language", language.code())
			.update();
		jdbc.sql("DELETE FROM notice_version WHERE notice_id = :notice AND language = :language")
			.param("notice", noticeId)
			.param("language", language.code())
			.update();
	}

}
