package jp.renraku.registration;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether the people behind genuine links still exist, and, for those who stopped or were
 * erased, what their old links answer ({@link EndedRegistration}). Read from the ids the
 * links carry and the consent records, which keep nothing personal.
 */
@Repository
class EndedRegistrations {

	private final JdbcClient jdbc;

	private final Lists lists;

	private final RegistrationWindow window;

	EndedRegistrations(JdbcClient jdbc, Lists lists, RegistrationWindow window) {
		this.jdbc = jdbc;
		this.lists = lists;
		this.window = window;
	}

	/**
	 * registered: which of the registrants still exist (the others stopped or were
	 * erased); one statement for any number.
	 */
	Set<Long> registered(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("SELECT id FROM registrant WHERE id IN (:ids)")
			.param("ids", List.copyOf(ids))
			.query(Long.class)
			.list());
	}

	/**
	 * ended-registration: empty while the registrant exists; else the list their consent
	 * record names, if any, and its registration page if it takes registrations today.
	 */
	Optional<EndedRegistration> ended(long id) {
		record Found(long present, @Nullable Long listId) {
		}
		Found found = jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM registrant WHERE id = :id) AS present,
				       (SELECT MIN(list_id) FROM consent_record WHERE registrant_id = :id) AS list_id
				""")
			.param("id", id)
			.query((rs, n) -> new Found(rs.getLong("present"), rs.getObject("list_id", Long.class)))
			.single();
		if (found.present() > 0) {
			return Optional.empty();
		}
		Optional<RegistrationList> list = found.listId() == null ? Optional.empty() : lists.findById(found.listId());
		return Optional.of(new EndedRegistration(list.map(RegistrationList::name).orElse(null),
				list.filter(window::open).map(l -> "/r/" + l.publicToken()).orElse(null)));
	}

}
