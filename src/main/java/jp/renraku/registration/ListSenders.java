package jp.renraku.registration;

import java.time.Instant;

import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A list's own sender name, subject tag and contact, over the body's (issue 14). What the
 * list leaves empty is the body's.
 */
@Repository
class ListSenders {

	/** What a list set; any part may be missing. */
	record Override(@Nullable String senderName, @Nullable String subjectTag, Contact contact) {

		static final Override NONE = new Override(null, null, Contact.NONE);

	}

	private final JdbcClient jdbc;

	private final BodyDirectory bodies;

	ListSenders(JdbcClient jdbc, BodyDirectory bodies) {
		this.jdbc = jdbc;
		this.bodies = bodies;
	}

	/** find-list-sender: what the list set. */
	Override find(long listId) {
		return jdbc.sql("""
				SELECT sender_name, subject_tag, contact_section, contact_phone, contact_hours, contact_email,
				       contact_url
				FROM list_sender WHERE list_id = :list
				""")
			.param("list", listId)
			.query((rs, n) -> new Override(rs.getString("sender_name"), rs.getString("subject_tag"),
					new Contact(rs.getString("contact_section"), rs.getString("contact_phone"),
							rs.getString("contact_hours"), rs.getString("contact_email"), rs.getString("contact_url"))))
			.optional()
			.orElse(Override.NONE);
	}

	/** save-list-sender: what the list set, in place of what it set before. */
	void save(long listId, Override sender, Instant now) {
		jdbc.sql("DELETE FROM list_sender WHERE list_id = :list").param("list", listId).update();
		jdbc.sql("""
				INSERT INTO list_sender (list_id, sender_name, subject_tag, contact_section, contact_phone,
				                         contact_hours, contact_email, contact_url, updated_at)
				VALUES (:list, :name, :tag, :section, :phone, :hours, :email, :url, :now)
				""")
			.param("list", listId)
			.param("name", sender.senderName())
			.param("tag", sender.subjectTag())
			.param("section", sender.contact().section())
			.param("phone", sender.contact().phone())
			.param("hours", sender.contact().hours())
			.param("email", sender.contact().email())
			.param("url", sender.contact().url())
			.param("now", Sql.utc(now))
			.update();
	}

	/** Who the list's mail is from: its own name, tag and contact over the body's. */
	Sender of(long listId, long bodyId) {
		return of(bodies.sender(bodyId), find(listId));
	}

	static Sender of(Sender body, Override list) {
		String name = list.senderName() == null || list.senderName().isBlank() ? body.displayName() : list.senderName();
		return new Sender(name, body.fromAddress(), list.subjectTag(), body.contact().overriddenBy(list.contact()));
	}

}
