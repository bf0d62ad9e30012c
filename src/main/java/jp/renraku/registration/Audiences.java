package jp.renraku.registration;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.delivery.RecipientSelection;

/**
 * The SQL this module writes for others to select or join its registrants with: the
 * audience of a notice, and the columns of a notice's results. Every filter is a fixed
 * fragment with bound parameters; the body is always the caller's own.
 */
final class Audiences {

	private Audiences() {
	}

	/**
	 * audience: the active, not bounced registrants of the body on the lists, one per
	 * address, narrowed by categories, affiliations and answers (each empty: no
	 * narrowing). Stored multiple answers are one per line, so an answer matches the
	 * whole stored answer or one of its lines.
	 * <p>
	 * Categories narrow only the lists they belong to, and there a registrant receives
	 * the notice when they chose one of the categories, when one of them is mandatory
	 * (every registrant's), or when they chose no category at all: no category chosen
	 * means every category (issue 14; a mandatory category is not a choice of theirs). A
	 * list none of whose categories was given is not narrowed. The sender's count is this
	 * same query.
	 */
	static RecipientSelection of(long bodyId, Collection<Long> listIds, Collection<Long> categoryIds,
			Collection<String> affiliations, Map<Long, ? extends Collection<String>> answers) {
		List<Long> lists = listIds.isEmpty() ? List.of(-1L) : List.copyOf(listIds);
		StringBuilder sql = new StringBuilder("SELECT MIN(r.id) AS registrant_id FROM registrant r"
				+ " WHERE r.body_id = :audienceBody AND r.list_id IN (:audienceLists) AND r.state = 'ACTIVE'"
				+ " AND r.bounce_disabled_at IS NULL");
		Map<String, Object> params = new HashMap<>();
		params.put("audienceBody", bodyId);
		params.put("audienceLists", lists);
		if (!categoryIds.isEmpty()) {
			sql.append(" AND (NOT EXISTS (SELECT 1 FROM list_category k WHERE k.list_id = r.list_id"
					+ " AND k.id IN (:audienceCategories))"
					+ " OR EXISTS (SELECT 1 FROM list_category k WHERE k.list_id = r.list_id AND k.mandatory = TRUE"
					+ " AND k.id IN (:audienceCategories))"
					+ " OR EXISTS (SELECT 1 FROM registrant_category c WHERE c.registrant_id = r.id"
					+ " AND c.category_id IN (:audienceCategories))"
					+ " OR NOT EXISTS (SELECT 1 FROM registrant_category c JOIN list_category k ON k.id = c.category_id"
					+ " WHERE c.registrant_id = r.id AND k.mandatory = FALSE))");
			params.put("audienceCategories", List.copyOf(categoryIds));
		}
		if (!affiliations.isEmpty()) {
			sql.append(" AND r.affiliation IN (:audienceAffiliations)");
			params.put("audienceAffiliations", List.copyOf(affiliations));
		}
		int question = 0;
		for (Map.Entry<Long, ? extends Collection<String>> entry : answers.entrySet()) {
			if (entry.getValue().isEmpty()) {
				continue;
			}
			String field = "audienceField" + question;
			sql.append(" AND EXISTS (SELECT 1 FROM registrant_answer a WHERE a.registrant_id = r.id AND a.field_id = :")
				.append(field)
				.append(" AND (");
			params.put(field, entry.getKey());
			int option = 0;
			for (String answer : entry.getValue()) {
				String p = "audienceAnswer" + question + "_" + option++;
				// the answer alone, first, last or between other lines
				sql.append(option > 1 ? " OR " : "")
					.append("a.answer = :")
					.append(p)
					.append(" OR a.answer LIKE :")
					.append(p)
					.append("First ESCAPE '!' OR a.answer LIKE :")
					.append(p)
					.append("Last ESCAPE '!' OR a.answer LIKE :")
					.append(p)
					.append("Middle ESCAPE '!'");
				String escaped = answer.replace("!", "!!").replace("%", "!%").replace("_", "!_");
				params.put(p, answer);
				params.put(p + "First", escaped + "\n%");
				params.put(p + "Last", "%\n" + escaped);
				params.put(p + "Middle", "%\n" + escaped + "\n%");
			}
			sql.append("))");
			question++;
		}
		sql.append(" GROUP BY LOWER(r.email)");
		// the language of the registration that gets the mail, for the version it gets
		String withLanguage = "SELECT a.registrant_id, l.language FROM (" + sql
				+ ") a JOIN registrant l ON l.id = a.registrant_id";
		return new RecipientSelection(withLanguage, params);
	}

	/**
	 * registrant-columns: the body's registrants with {@code name}, {@code email},
	 * {@code list_name} and {@code affiliation}.
	 */
	static RegistrantColumns columns(long bodyId) {
		return new RegistrantColumns("""
				SELECT r.id AS registrant_id, r.name, r.email, l.name AS list_name, r.affiliation
				FROM registrant r JOIN registration_list l ON l.id = r.list_id WHERE r.body_id = :columnsBody
				""", Map.of("columnsBody", bodyId));
	}

	/**
	 * registrant-categories: the categories the body's registrants chose, and the
	 * mandatory ones of their lists (everyone's), one row each with {@code category_name}
	 * ("list / category").
	 */
	static RegistrantColumns categories(long bodyId) {
		return new RegistrantColumns("""
				SELECT r.id AS registrant_id, l.name || ' / ' || c.name AS category_name
				FROM registrant r JOIN registrant_category rc ON rc.registrant_id = r.id
				JOIN list_category c ON c.id = rc.category_id JOIN registration_list l ON l.id = c.list_id
				WHERE r.body_id = :categoriesBody AND c.mandatory = FALSE
				UNION ALL
				SELECT r.id AS registrant_id, l.name || ' / ' || c.name AS category_name
				FROM registrant r JOIN list_category c ON c.list_id = r.list_id AND c.mandatory = TRUE
				JOIN registration_list l ON l.id = c.list_id
				WHERE r.body_id = :categoriesBody
				""", Map.of("categoriesBody", bodyId));
	}

}
