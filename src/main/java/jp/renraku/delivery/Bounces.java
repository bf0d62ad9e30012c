package jp.renraku.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jp.renraku.common.Sql;
import jp.renraku.mail.IncomingMail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a bounce does: recorded on its delivery with its reason and what it said (once,
 * however often it is read), then by {@link BouncePolicy}: a reason that proves the
 * address is gone stops mail to it at once, reasons that may pass after so many days, the
 * resident's own filter marks the registration for the allow-list guidance, and trouble
 * on the city's side changes nothing for the resident. Auto-replies are not recorded. A
 * mail whose return path token is missing, forged or of no delivery changes nothing.
 */
@Service
@Order(0)
class Bounces implements IncomingMail {

	private final JdbcClient jdbc;

	private final DeliveryTokens tokens;

	private final DeliveryReports reports;

	private final ObjectProvider<RecipientDirectory> recipients;

	private final BouncePolicy policy;

	private final Clock clock;

	/** What stands for an address in a stored diagnostic. */
	private final String addressMask;

	/** {@code renraku.bounces}: the bounces recorded, by reason (auto-replies not). */
	private final Map<BounceReason, Counter> counted = new EnumMap<>(BounceReason.class);

	Bounces(JdbcClient jdbc, DeliveryTokens tokens, DeliveryReports reports,
			ObjectProvider<RecipientDirectory> recipients, BouncePolicy policy, Clock clock, MessageSource messages,
			MeterRegistry meters) {
		for (BounceReason reason : BounceReason.values()) {
			counted.put(reason,
					Counter.builder("renraku.bounces")
						.description("Bounces recorded, by reason")
						.tag("reason", reason.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
		this.addressMask = messages.getMessage("bounce.addressMask", null, Locale.JAPANESE);
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.reports = reports;
		this.recipients = recipients;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * A bounce of one of our deliveries, recorded once: {@code RECORDED} when new,
	 * {@code DUPLICATE} when read before, {@code HANDLED} for an auto-reply; anything
	 * else (no bounce, a forged or unknown token) is not a bounce's, for the other
	 * handlers.
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
		BounceReason reason = BounceClassifier.classify(report.evidence());
		if (reason == BounceReason.VACATION) {
			return Outcome.HANDLED;
		}
		Instant now = clock.instant();
		int recorded = record(report, reason, delivery.getAsLong(), target.get(), now);
		if (recorded == 0) {
			return Outcome.DUPLICATE;
		}
		counted.get(reason).increment();
		long registrant = target.get().registrantId();
		if (reason == BounceReason.FILTERED) {
			recipients.getObject().markFiltered(registrant, now);
		}
		String stop = policy.stopReason(reason, report.evidence().status(), report.evidence().diagnostic(),
				reason.effect() == BounceReason.Effect.COUNTS ? countedSince(registrant, policy.windowStart(now))
						: List.of());
		if (stop != null) {
			recipients.getObject().disableBouncing(registrant, stop, now);
		}
		return Outcome.RECORDED;
	}

	/** The kind column: what the reason does to the address. */
	static String kind(BounceReason reason) {
		return switch (reason.effect()) {
			case STOPS -> "HARD";
			case COUNTS -> "SOFT";
			case NOTES -> "NONE";
		};
	}

	/**
	 * record-bounce: the bounce on its delivery, once however often it is read (its
	 * message key is unique). Returns 0 for a bounce recorded before.
	 */
	private int record(BounceParser.Report report, BounceReason reason, long deliveryId, Delivered target,
			Instant now) {
		BounceEvidence evidence = report.evidence();
		return jdbc.sql("""
				INSERT INTO delivery_bounce (message_key, delivery_id, notice_id, body_id, registrant_id, kind, reason,
				                             classifier_version, bounce_format, status, diagnostic, smtp_command,
				                             dsn_action, reporter, subject, evidence, received_at)
				VALUES (:key, :delivery, :notice, :body, :registrant, :kind, :reason, :version, :format, :status,
				        :diagnostic, :command, :action, :reporter, :subject, :evidence, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("key", report.key())
			.param("delivery", deliveryId)
			.param("notice", target.notice().value())
			.param("body", target.bodyId())
			.param("registrant", target.registrantId())
			.param("kind", kind(reason))
			.param("reason", reason.name())
			.param("version", BounceClassifier.VERSION)
			.param("format", evidence.format().name())
			.param("status", evidence.status())
			.param("diagnostic", evidence.diagnostic())
			.param("command", evidence.command())
			.param("action", evidence.action())
			.param("reporter", evidence.reporter())
			.param("subject", evidence.subject())
			.param("evidence", evidence.text())
			.param("now", Sql.utc(now))
			.update();
	}

	/**
	 * counted-bounces-since: when the registrant's bounces that count came, oldest first.
	 */
	private List<Instant> countedSince(long registrantId, Instant since) {
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
