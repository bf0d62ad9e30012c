package jp.renraku.registration;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Storage of what a list lets registrants choose: its categories and its own questions.
 * Replacing them keeps what stays, with registrants' choices and answers, and removes the
 * rest together with those.
 */
@Repository
class ListChoices {

	private final JdbcClient jdbc;

	ListChoices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * replace-categories: keeps categories whose name stays (and registrants' choices of
	 * them), removes the others with those choices, adds new ones, in the order given,
	 * each mandatory or not as given.
	 */
	void replaceCategories(long listId, List<String> names, Collection<String> mandatory) {
		List<ListCategory> existing = categories(listId);
		for (ListCategory category : existing) {
			if (!names.contains(category.name())) {
				jdbc.sql("DELETE FROM registrant_category WHERE category_id = :id").param("id", category.id()).update();
				jdbc.sql("DELETE FROM list_category WHERE id = :id").param("id", category.id()).update();
			}
		}
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			int updated = jdbc.sql("""
					UPDATE list_category SET position = :pos, mandatory = :mandatory
					WHERE list_id = :listId AND name = :name
					""")
				.param("pos", i)
				.param("mandatory", mandatory.contains(name))
				.param("listId", listId)
				.param("name", name)
				.update();
			if (updated == 0) {
				jdbc.sql("""
						INSERT INTO list_category (list_id, name, position, mandatory)
						VALUES (:listId, :name, :pos, :mandatory)
						""")
					.param("listId", listId)
					.param("name", name)
					.param("pos", i)
					.param("mandatory", mandatory.contains(name))
					.update();
			}
		}
	}

	/** replace-custom-fields: same rule as categories, matched by id. */
	void replaceCustomFields(long listId, List<ListRules.FieldRule> fields) {
		List<Long> keep = fields.stream().map(ListRules.FieldRule::id).filter(id -> id != null).toList();
		for (CustomField field : customFields(listId)) {
			if (!keep.contains(field.id())) {
				jdbc.sql("DELETE FROM registrant_answer WHERE field_id = :id").param("id", field.id()).update();
				jdbc.sql("DELETE FROM list_custom_field WHERE id = :id").param("id", field.id()).update();
			}
		}
		for (int i = 0; i < fields.size(); i++) {
			ListRules.FieldRule field = fields.get(i);
			int updated = field.id() == null ? 0 : jdbc.sql("""
					UPDATE list_custom_field SET label = :label, kind = :kind, options = :options, required = :required,
					       position = :pos
					WHERE id = :id AND list_id = :listId
					""")
				.param("label", field.label())
				.param("kind", field.kind().name())
				.param("options", Lines.join(field.options()))
				.param("required", field.required())
				.param("pos", i)
				.param("id", field.id())
				.param("listId", listId)
				.update();
			if (updated == 0) {
				jdbc.sql("""
						INSERT INTO list_custom_field (list_id, label, kind, options, required, position)
						VALUES (:listId, :label, :kind, :options, :required, :pos)
						""")
					.param("listId", listId)
					.param("label", field.label())
					.param("kind", field.kind().name())
					.param("options", Lines.join(field.options()))
					.param("required", field.required())
					.param("pos", i)
					.update();
			}
		}
	}

	/** categories: the list's categories in their order. */
	List<ListCategory> categories(long listId) {
		return jdbc.sql("SELECT id, name, mandatory FROM list_category WHERE list_id = :listId ORDER BY position, id")
			.param("listId", listId)
			.query((rs, n) -> new ListCategory(rs.getLong("id"), rs.getString("name"), rs.getBoolean("mandatory")))
			.list();
	}

	/** custom-fields: the list's own questions in their order. */
	List<CustomField> customFields(long listId) {
		return jdbc.sql("""
				SELECT id, label, kind, options, required FROM list_custom_field
				WHERE list_id = :listId ORDER BY position, id
				""")
			.param("listId", listId)
			.query((rs, n) -> new CustomField(rs.getLong("id"), rs.getString("label"),
					FieldKind.valueOf(rs.getString("kind")), Lines.of(rs.getString("options")),
					rs.getBoolean("required")))
			.list();
	}

}
