package jp.renraku.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.Sender;
import jp.renraku.common.Sql;
import jp.renraku.delivery.Recipient;
import jp.renraku.delivery.RecipientDirectory;
import org.jspecify.annotations.Nullable;
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

	private final AuditTrail audit;

	private final ListSenders senders;

	private final Registrants registrants;

	RegistrantDirectory(JdbcClient jdbc, PersonalLinks links, AuditTrail audit, ListSenders senders,
			Registrants registrants) {
		this.registrants = registrants;
		this.jdbc = jdbc;
		this.links = links;
		this.audit = audit;
		this.senders = senders;
	}

	/**
	 * find-recipients: the active, not bounced registrants among the ids. Looked up by id
	 * alone and sorted out here, so that the primary key is the only index the database
	 * can take: with the state and bounce conditions in the query, stale statistics right
	 * after a large import made PostgreSQL read every registrant through the bounce index
	 * for each batch.
	 */
	@Override
	public Map<Long, Recipient> find(Collection<Long> registrantIds) {
		Map<Long, Recipient> found = new HashMap<>();
		// the sender of each list, read once per call: a batch is of a few lists
		Map<Long, Sender> byList = new HashMap<>();
		List<Long> ids = new ArrayList<>(registrantIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			jdbc.sql("SELECT id, list_id, body_id, email, name, link_nonce, state, bounce_disabled_at, language"
					+ " FROM registrant WHERE id IN (:ids)")
				.param("ids", ids.subList(from, Math.min(from + CHUNK, ids.size())))
				.query((rs, n) -> {
					if (!"ACTIVE".equals(rs.getString("state")) || rs.getObject("bounce_disabled_at") != null) {
						return null;
					}
					long id = rs.getLong("id");
					long list = rs.getLong("list_id");
					long body = rs.getLong("body_id");
					String manage = links.manageUrl(id, rs.getString("link_nonce"));
					Sender sender = byList.computeIfAbsent(list, l -> senders.of(l, body));
					return found.put(id, new Recipient(id, rs.getString("email"), rs.getString("name"), manage,
							manage + "/unsubscribe", sender, Language.stored(rs.getString("language"))));
				})
				.list();
		}
		return found;
	}

	/**
	 * disable-bouncing: stops every registration of the address within the registrant's
	 * body: the address is dead whichever list it is on. Audited without the address.
	 */
	@Override
	public boolean disableBouncing(long registrantId, String reason, Instant at) {
		Long body = bodyOf(registrantId);
		if (body == null) {
			return false;
		}
		int stopped = jdbc.sql("""
				UPDATE registrant SET bounce_disabled_at = :at, bounce_reason = :reason
				WHERE body_id = :body AND bounce_disabled_at IS NULL
				  AND LOWER(email) IN (SELECT LOWER(email) FROM registrant WHERE id = :id)
				""")
			.param("at", Sql.utc(at))
			.param("reason", reason.length() > 300 ? reason.substring(0, 300) : reason)
			.param("body", body)
			.param("id", registrantId)
			.update();
		if (stopped > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_STOPPED, body, "registrant:" + registrantId,
					"registrations:" + stopped + " " + reason);
		}
		return stopped > 0;
	}

	/** mark-filtered: every registration of the address within the registrant's body. */
	@Override
	public void markFiltered(long registrantId, Instant at) {
		jdbc.sql("""
				UPDATE registrant SET filtered_at = :at, filtered_count = filtered_count + 1
				WHERE body_id = (SELECT body_id FROM registrant WHERE id = :id)
				  AND LOWER(email) IN (SELECT LOWER(email) FROM registrant WHERE id = :id)
				""").param("at", Sql.utc(at)).param("id", registrantId).update();
	}

	/** stopped-for-bouncing: the body's stopped registrations and when they stopped. */
	@Override
	public Map<Long, Instant> stoppedForBouncing(long bodyId) {
		Map<Long, Instant> stopped = new HashMap<>();
		jdbc.sql(
				"SELECT id, bounce_disabled_at FROM registrant WHERE body_id = :body AND bounce_disabled_at IS NOT NULL")
			.param("body", bodyId)
			.query((rs, n) -> stopped.put(rs.getLong("id"),
					rs.getObject("bounce_disabled_at", OffsetDateTime.class).toInstant()))
			.list();
		return stopped;
	}

	/**
	 * resume-reclassified: like the operations manager's resume, for every registration
	 * of the address in the body; audited with why, without the address.
	 */
	@Override
	public boolean resumeReclassified(long registrantId, String why) {
		Long body = bodyOf(registrantId);
		if (body == null) {
			return false;
		}
		int resumed = registrants.resumeBounced(registrantId, body);
		if (resumed > 0) {
			audit.record(AuditAction.REGISTRANT_BOUNCE_RESUMED, body, "registrant:" + registrantId,
					"registrations:" + resumed + " " + why);
		}
		return resumed > 0;
	}

	private @Nullable Long bodyOf(long registrantId) {
		return jdbc.sql("SELECT body_id FROM registrant WHERE id = :id")
			.param("id", registrantId)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

}
