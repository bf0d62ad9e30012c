package jp.renraku.confirmation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.Sql;
import jp.renraku.delivery.Delivered;
import jp.renraku.delivery.DeliveryLinks;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.NoticeId;
import jp.renraku.delivery.Recipient;
import jp.renraku.delivery.RecipientDirectory;
import jp.renraku.delivery.ResidentMail;
import jp.renraku.mail.IncomingMail;
import jp.renraku.registration.RegistrationManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies to a notice's mail, which come back through its Reply-To
 * {@code reply+<token>@<mail-in domain>} naming the delivery. A reply that says 「停止」,
 * 「退会」, 「配信停止」, "stop" (or the word in another resident language) is answered with the
 * registrant's own page, where stopping is one button — sent to the registered address,
 * not to whoever wrote, so a forged reply stops nobody, and only the first time the reply
 * is read. Every reply is kept on the notice for its sender to read (once, however often
 * it is read from the mailbox), marked when a stop was answered; none is ever forwarded
 * to anyone.
 */
@Component
@Order(2)
class NoticeReplies implements IncomingMail {

	private static final Pattern REPLY = Pattern.compile("reply\\+([0-9a-f]{52})@", Pattern.CASE_INSENSITIVE);

	/**
	 * A reply that asks to stop, in the residents' languages (the line is the word
	 * alone).
	 */
	private static final Pattern STOP = Pattern.compile(
			"^(?:停止|退会|配信停止|登録解除|解除|退订|取消订阅|stop|unsubscribe|dừng|hủy|중지|수신거부|parar|cancelar|itigil)[。.!！\\s]*$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** Where a mail program starts quoting the mail replied to. */
	private static final Pattern QUOTE_START = Pattern.compile(
			"^(?:>|-+ ?(?:original message|元のメッセージ)|.*wrote:$|.*のメッセージ:$|.*さんは書きました:?$).*", Pattern.CASE_INSENSITIVE);

	private final DeliveryManagement deliveries;

	private final DeliveryLinks links;

	private final RecipientDirectory recipients;

	private final MessageSource messages;

	private final RegistrationManagement registration;

	private final JdbcClient jdbc;

	private final Clock clock;

	NoticeReplies(DeliveryManagement deliveries, DeliveryLinks links, RecipientDirectory recipients,
			MessageSource messages, RegistrationManagement registration, JdbcClient jdbc, Clock clock) {
		this.links = links;
		this.deliveries = deliveries;
		this.registration = registration;
		this.recipients = recipients;
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Outcome handle(MimeMessage message) throws Exception {
		String token = IncomingMail.addressedTo(message, REPLY);
		if (token == null) {
			return Outcome.NOT_MINE;
		}
		Optional<Delivered> target = links.replied(token);
		if (target.isEmpty() || registration.stillRegistered(Set.of(target.get().registrantId())).isEmpty()) {
			// no such mail, or its recipient stopped or was erased since: their words are
			// not kept
			return Outcome.HANDLED;
		}
		String text = ownWords(text(message));
		boolean stop = STOP.matcher(text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip())
			.matches();
		String subject = message.getSubject();
		// kept once, however often the mailbox is read (and by however many nodes): the
		// answer to a 「停止」 too, which goes only when the reply is new
		int kept = jdbc.sql("""
				INSERT INTO notice_reply (message_key, notice_id, delivery_id, registrant_id, received_at, subject,
				                          reply_text, stop_answered)
				VALUES (:key, :notice, :delivery, :registrant, :now, :subject, :text, :stop)
				ON CONFLICT DO NOTHING
				""")
			.param("key", IncomingMail.key(message))
			.param("notice", target.get().notice().value())
			.param("delivery", target.get().delivery().value())
			.param("registrant", target.get().registrantId())
			.param("now", Sql.utc(clock.instant()))
			.param("subject", subject == null ? null : subject.length() > 200 ? subject.substring(0, 200) : subject)
			.param("text", text.length() > 4000 ? text.substring(0, 4000) : text)
			.param("stop", stop)
			.update();
		if (kept == 1 && stop) {
			sendStopLink(target.get().registrantId(), target.get().bodyId());
		}
		return Outcome.HANDLED;
	}

	/** The registrant's own page, to their registered address. */
	private void sendStopLink(long registrantId, long bodyId) {
		Recipient recipient = recipients.find(List.of(registrantId)).get(registrantId);
		if (recipient == null) {
			return;
		}
		// in the language the registrant reads
		Locale locale = recipient.language().locale();
		deliveries.send(new ResidentMail(bodyId, recipient.email(), recipient.sender(),
				messages.getMessage("mail.stopReply.subject", null, locale),
				messages.getMessage("mail.stopReply.body", new Object[] { recipient.manageUrl() }, locale),
				recipient.unsubscribeUrl(), recipient.language()));
	}

	/** A stored reply, before its writer is looked up. */
	private record Stored(long registrantId, Instant receivedAt, @Nullable String subject, String text,
			boolean stopAnswered) {
	}

	/**
	 * The replies to a notice, newest first, with who wrote them (as they are registered
	 * now; empty when they stopped since).
	 */
	List<Reply> of(NoticeId notice, int limit) {
		List<Stored> stored = jdbc.sql("""
				SELECT registrant_id, received_at, subject, reply_text, stop_answered FROM notice_reply
				WHERE notice_id = :notice
				ORDER BY received_at DESC, id DESC LIMIT :limit
				""")
			.param("notice", notice.value())
			.param("limit", limit)
			.query((rs, n) -> new Stored(rs.getLong("registrant_id"),
					rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("subject"),
					rs.getString("reply_text"), rs.getBoolean("stop_answered")))
			.list();
		Map<Long, Recipient> who = stored.isEmpty() ? Map.of()
				: recipients.find(stored.stream().map(Stored::registrantId).distinct().toList());
		return stored.stream().map(reply -> {
			Recipient recipient = who.get(reply.registrantId());
			return new Reply(reply.receivedAt(), recipient == null ? null : recipient.name(),
					recipient == null ? "" : recipient.email(), reply.subject(), reply.text(), reply.stopAnswered());
		}).toList();
	}

	/** The reply's own words: the quoted notice below them cut off. */
	private static String ownWords(String text) {
		StringBuilder own = new StringBuilder();
		for (String line : text.replace("\r\n", "\n").split("\n")) {
			if (QUOTE_START.matcher(line.strip()).matches()) {
				break;
			}
			own.append(line).append('\n');
		}
		return own.toString().strip();
	}

	private static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
			return text;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = text(child);
				if (!found.isEmpty()) {
					return found;
				}
			}
		}
		return "";
	}

}
