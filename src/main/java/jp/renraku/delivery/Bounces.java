package jp.renraku.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.Sql;
import jp.renraku.mail.IncomingMail;
import jp.renraku.mail.MailInSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a bounce does: recorded on its delivery (once, however often it is read), and by
 * the policy — a hard bounce stops mail to the address at once, soft ones after
 * {@code softBounceLimit} within {@code softBounceWindow}. A mail whose return path token
 * is missing, forged or of no delivery changes nothing.
 */
@Service
@Order(0)
class Bounces implements IncomingMail {

	private final JdbcClient jdbc;

	private final DeliveryTokens tokens;

	private final DeliveryReports reports;

	private final ObjectProvider<RecipientDirectory> recipients;

	private final MailInSettings settings;

	private final Clock clock;

	/** The reasons are stored and shown to staff, who read Japanese. */
	private final MessageSource messages;

	/** What stands for an address in a stored diagnostic. */
	private final String addressMask;

	Bounces(JdbcClient jdbc, DeliveryTokens tokens, DeliveryReports reports,
			ObjectProvider<RecipientDirectory> recipients, MailInSettings settings, Clock clock,
			MessageSource messages) {
		this.messages = messages;
		this.addressMask = messages.getMessage("bounce.addressMask", null, Locale.JAPANESE);
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.reports = reports;
		this.recipients = recipients;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A bounce of one of our deliveries, recorded once: {@code RECORDED} when new,
	 * {@code DUPLICATE} when read before; anything else (no bounce, a forged or unknown
	 * token) is not a bounce's, for the other handlers.
	 */
	@Override
	@Transactional
	public Outcome handle(MimeMessage message) throws MessagingException, IOException {
		Optional<BounceParser.Report> parsed = BounceParser.parse(message, addressMask);
		if (parsed.isEmpty()) {
			return Outcome.NOT_MINE;
		}
		BounceParser.Report report = parsed.get();
		OptionalLong delivery = tokens.bouncedDeliveryId(report.token());
		if (delivery.isEmpty()) {
			return Outcome.NOT_MINE;
		}
		Optional<Delivered> target = reports.delivered(delivery.getAsLong());
		if (target.isEmpty()) {
			return Outcome.NOT_MINE;
		}
		Instant now = clock.instant();
		int recorded = record(report, delivery.getAsLong(), target.get(), now);
		if (recorded == 0) {
			return Outcome.DUPLICATE;
		}
		String reason = reason(report, target.get().registrantId(), now);
		if (reason != null) {
			recipients.getObject().disableBouncing(target.get().registrantId(), reason, now);
		}
		return Outcome.RECORDED;
	}

	/** Why the address is stopped now, or null if it is not (yet). */
	private String reason(BounceParser.Report report, long registrantId, Instant now) {
		String detail = (report.status() == null ? "" : report.status() + " ")
				+ (report.diagnostic() == null ? "" : report.diagnostic());
		if (report.kind() == BounceParser.Kind.HARD) {
			return messages.getMessage("bounce.reason.hard", new Object[] { detail.strip() }, Locale.JAPANESE);
		}
		// soft bounces count once a day at most: a notice and its reminders an hour later
		// meeting the same full mailbox are one trouble, not three
		List<Instant> times = softBouncesSince(registrantId, now.minus(settings.softBounceWindow()));
		long soft = 0;
		Instant counted = null;
		for (Instant time : times) {
			if (counted == null || !time.isBefore(counted.plus(Duration.ofDays(1)))) {
				soft++;
				counted = time;
			}
		}
		if (soft >= settings.softBounceLimit()) {
			return messages.getMessage("bounce.reason.soft",
					new Object[] { soft, settings.softBounceWindow().toDays(), detail.strip() }, Locale.JAPANESE);
		}
		return null;
	}

	/**
	 * record-bounce: the bounce on its delivery, once however often it is read (its
	 * message key is unique). Returns 0 for a bounce recorded before.
	 */
	private int record(BounceParser.Report report, long deliveryId, Delivered target, Instant now) {
		return jdbc.sql("""
				INSERT INTO delivery_bounce (message_key, delivery_id, notice_id, body_id, registrant_id, kind, status,
				                             diagnostic, received_at)
				VALUES (:key, :delivery, :notice, :body, :registrant, :kind, :status, :diagnostic, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("key", report.key())
			.param("delivery", deliveryId)
			.param("notice", target.notice().value())
			.param("body", target.bodyId())
			.param("registrant", target.registrantId())
			.param("kind", report.kind().name())
			.param("status", report.status())
			.param("diagnostic", report.diagnostic())
			.param("now", Sql.utc(now))
			.update();
	}

	/** soft-bounces-since: when the registrant's soft bounces came, oldest first. */
	private List<Instant> softBouncesSince(long registrantId, Instant since) {
		return jdbc.sql("""
				SELECT received_at FROM delivery_bounce WHERE registrant_id = :registrant AND kind = 'SOFT'
				AND received_at > :since ORDER BY received_at
				""")
			.param("registrant", registrantId)
			.param("since", Sql.utc(since))
			.query((rs, n) -> rs.getObject("received_at", OffsetDateTime.class).toInstant())
			.list();
	}

}
