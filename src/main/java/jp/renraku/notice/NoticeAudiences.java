package jp.renraku.notice;

import jp.renraku.confirmation.NoticeQuestion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who a notice goes to and what it asks, as stored beside it: its lists, categories,
 * affiliations, chosen answers of the lists' own questions, and its questions. Written
 * whole with each save of the draft; read with the notice by {@link Notices}.
 */
@Repository
class NoticeAudiences {

	private final JdbcClient jdbc;

	NoticeAudiences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * replace: the draft's lists, categories, affiliations, chosen answers and questions
	 * in place of the notice's earlier ones.
	 */
	void replace(long id, NoticeDraft draft) {
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

}
