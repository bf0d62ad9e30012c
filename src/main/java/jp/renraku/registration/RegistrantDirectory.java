package jp.renraku.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.delivery.Recipient;
import jp.renraku.delivery.RecipientDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives the delivery engine the address, name and personal links of the registrants it is
 * about to mail, a thousand per query. Registrants who stopped, were deleted or still
 * wait for approval are not returned, so they are not mailed.
 */
@Component
class RegistrantDirectory implements RecipientDirectory {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final PersonalLinks links;

	RegistrantDirectory(JdbcClient jdbc, PersonalLinks links) {
		this.jdbc = jdbc;
		this.links = links;
	}

	@Override
	public Map<Long, Recipient> find(Collection<Long> registrantIds) {
		Map<Long, Recipient> found = new HashMap<>();
		List<Long> ids = new ArrayList<>(registrantIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			jdbc.sql("SELECT id, email, name, link_nonce FROM registrant WHERE id IN (:ids) AND state = 'ACTIVE'")
				.param("ids", ids.subList(from, Math.min(from + CHUNK, ids.size())))
				.query((rs, n) -> {
					long id = rs.getLong("id");
					String manage = links.manageUrl(id, rs.getString("link_nonce"));
					return found.put(id, new Recipient(id, rs.getString("email"), rs.getString("name"), manage,
							manage + "/unsubscribe"));
				})
				.list();
		}
		return found;
	}

}
