package jp.renraku.organization;

import java.time.Instant;
import java.util.Optional;

import jp.renraku.common.Contact;
import jp.renraku.common.Sql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of bodies' sender identity: display name, From address and contact. */
@Repository
class BodySenders {

	/** What a body set about its mail; any part may be missing. */
	record Stored(@Nullable String displayName, @Nullable String fromAddress, Contact contact) {
	}

	private final JdbcClient jdbc;

	BodySenders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** find-sender: what the body set, if it set anything. */
	Optional<Stored> find(long bodyId) {
		return jdbc.sql("""
				SELECT display_name, from_address, contact_section, contact_phone, contact_hours, contact_email,
				       contact_url
				FROM body_sender WHERE body_id = :body
				""")
			.param("body", bodyId)
			.query((rs, n) -> new Stored(rs.getString("display_name"), rs.getString("from_address"),
					new Contact(rs.getString("contact_section"), rs.getString("contact_phone"),
							rs.getString("contact_hours"), rs.getString("contact_email"), rs.getString("contact_url"))))
			.optional();
	}

	/** save-sender: what the body set, in place of what it set before. */
	void save(long bodyId, Stored sender, Instant now) {
		jdbc.sql("DELETE FROM body_sender WHERE body_id = :body").param("body", bodyId).update();
		jdbc.sql("""
				INSERT INTO body_sender (body_id, display_name, from_address, contact_section, contact_phone,
				                         contact_hours, contact_email, contact_url, updated_at)
				VALUES (:body, :name, :from, :section, :phone, :hours, :email, :url, :now)
				""")
			.param("body", bodyId)
			.param("name", sender.displayName())
			.param("from", sender.fromAddress())
			.param("section", sender.contact().section())
			.param("phone", sender.contact().phone())
			.param("hours", sender.contact().hours())
			.param("email", sender.contact().email())
			.param("url", sender.contact().url())
			.param("now", Sql.utc(now))
			.update();
	}

}
