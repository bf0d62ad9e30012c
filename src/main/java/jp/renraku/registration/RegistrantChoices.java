package jp.renraku.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of what a registrant chose: categories and answers to the list's own questions.
 * The rows go with the registrant's (ON DELETE CASCADE).
 */
@Repository
class RegistrantChoices {

	private final JdbcClient jdbc;

	RegistrantChoices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** insert-choices: the categories and non-blank answers of a new registrant. */
	void insert(long registrantId, RegistrantDetails details) {
		for (Long categoryId : details.categoryIds()) {
			jdbc.sql("INSERT INTO registrant_category (registrant_id, category_id) VALUES (:id, :categoryId)")
				.param("id", registrantId)
				.param("categoryId", categoryId)
				.update();
		}
		details.answers().forEach((fieldId, answer) -> {
			if (answer != null && !answer.isBlank()) {
				jdbc.sql(
						"INSERT INTO registrant_answer (registrant_id, field_id, answer) VALUES (:id, :fieldId, :answer)")
					.param("id", registrantId)
					.param("fieldId", fieldId)
					.param("answer", answer)
					.update();
			}
		});
	}

	/**
	 * replace-choices: what the registrant chose before goes, what they chose now comes.
	 */
	void replace(long registrantId, RegistrantDetails details) {
		jdbc.sql("DELETE FROM registrant_category WHERE registrant_id = :id").param("id", registrantId).update();
		jdbc.sql("DELETE FROM registrant_answer WHERE registrant_id = :id").param("id", registrantId).update();
		insert(registrantId, details);
	}

	/** category-ids: the categories the registrant chose. */
	List<Long> categoryIds(long registrantId) {
		return jdbc.sql("SELECT category_id FROM registrant_category WHERE registrant_id = :id")
			.param("id", registrantId)
			.query(Long.class)
			.list();
	}

	/** answers: the registrant's answers by question. */
	Map<Long, String> answers(long registrantId) {
		Map<Long, String> answers = new LinkedHashMap<>();
		jdbc.sql("SELECT field_id, answer FROM registrant_answer WHERE registrant_id = :id")
			.param("id", registrantId)
			.query((r, i) -> answers.put(r.getLong("field_id"), r.getString("answer")))
			.list();
		return answers;
	}

}
