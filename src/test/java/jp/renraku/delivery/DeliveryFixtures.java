package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.NodeLeases;
import jp.renraku.common.RenrakuProperties;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import jp.renraku.registration.RegistrationManagement;
import jp.renraku.mail.MailSettings;
import jp.renraku.mail.SmtpTarget;
import jp.renraku.mail.MailInSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Released notices straight in the outbox, and engines with settings of a test's own, for
 * the engine's tests (the notice pages have their own tests).
 */
@Component
public class DeliveryFixtures {

	private final StaffFixtures staff;

	private final RegistrationFixtures registration;

	private final RegistrationManagement registrations;

	private final DeliveryQueue queue;

	private final DeliveryReports reports;

	private final JdbcClient jdbc;

	private final ObjectProvider<RecipientDirectory> recipients;

	private final ObjectProvider<NoticeContents> contents;

	private final ObjectProvider<SendingRules> rules;

	private final SmtpTarget target;

	private final DeliverySettings settings;

	private final MailSettings mail;

	private final MessageSource messages;

	private final DeliveryTokens tokens;

	private final RenrakuProperties properties;

	private final MailInSettings bounces;

	private final ResidentMails residentMails;

	private final ObjectProvider<DeliveryManagement> management;

	private final CarrierBudget budget;

	private final HourlyAllowances hourly;

	private final PlatformTransactionManager transactions;

	private final DeliveryLeases claims;

	DeliveryFixtures(StaffFixtures staff, RegistrationFixtures registration, RegistrationManagement registrations,
			DeliveryQueue queue, DeliveryReports reports, JdbcClient jdbc,
			ObjectProvider<RecipientDirectory> recipients, ObjectProvider<NoticeContents> contents,
			ObjectProvider<SendingRules> rules, SmtpTarget target, DeliverySettings settings, MailSettings mail,
			MessageSource messages, DeliveryTokens tokens, RenrakuProperties properties, MailInSettings bounces,
			ResidentMails residentMails, ObjectProvider<DeliveryManagement> management, CarrierBudget budget,
			HourlyAllowances hourly, PlatformTransactionManager transactions, DeliveryLeases claims) {
		this.claims = claims;
		this.management = management;
		this.budget = budget;
		this.hourly = hourly;
		this.transactions = transactions;
		this.bounces = bounces;
		this.residentMails = residentMails;
		this.tokens = tokens;
		this.properties = properties;
		this.staff = staff;
		this.registration = registration;
		this.registrations = registrations;
		this.queue = queue;
		this.reports = reports;
		this.jdbc = jdbc;
		this.recipients = recipients;
		this.contents = contents;
		this.rules = rules;
		this.target = target;
		this.settings = settings;
		this.mail = mail;
		this.messages = messages;
	}

	/**
	 * A notice of a new body's list, released to registrants made with the given
	 * addresses and names; returns its id.
	 */
	long release(boolean emergency, String subject, String text, Map<String, String> nameByAddress) {
		TestStaff manager = staff.manager(staff.body());
		RegistrationList list = registration.list(manager);
		nameByAddress.forEach((address, name) -> registration.registrant(list, address, name, "1年1組"));
		jdbc.sql("""
				INSERT INTO notice (body_id, author_id, subject, body_text, emergency, state, created_at, updated_at)
				VALUES (:body, :author, :subject, :text, :emergency, 'RELEASED', :now, :now)
				""")
			.param("body", list.bodyId())
			.param("author", manager.id())
			.param("subject", subject)
			.param("text", text)
			.param("emergency", emergency)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		long noticeId = jdbc.sql("SELECT MAX(id) FROM notice").query(Long.class).single();
		management.getObject()
			.enqueue(NoticeId.of(noticeId), list.bodyId(), emergency,
					registrations.audience(manager.staff(), List.of(list.id()), List.of()), Set.of(), Instant.now());
		return noticeId;
	}

	/**
	 * An engine of its own (its workers not started) with the given batch size and
	 * groups: another node of the city, with carrier budgets made fresh (its groups'
	 * limits are its own, not those the suite's other engines took from).
	 */
	DeliveryEngine engine(int batchSize, Map<String, DeliverySettings.Destination> destinations, Clock clock) {
		return engine(batchSize, settings.lease(), destinations, clock, target);
	}

	/**
	 * As {@link #engine(int, Map, Clock)}, with a lease of its own and sending to the
	 * given relay: a node whose batches may take longer than their lease.
	 */
	DeliveryEngine engine(int batchSize, Duration lease, SmtpTarget relay) {
		return engine(batchSize, lease, Map.of(), Clock.systemUTC(), relay);
	}

	private DeliveryEngine engine(int batchSize, Duration lease, Map<String, DeliverySettings.Destination> destinations,
			Clock clock, SmtpTarget relay) {
		jdbc.sql("DELETE FROM carrier_pace").update();
		DeliverySettings custom = new DeliverySettings(false, 1, batchSize, lease, settings.pollInterval(),
				settings.maxAttempts(), settings.retryBase(), 1000, settings.pipelining(), destinations);
		NodeLeases leases = new NodeLeases(jdbc, clock, "test-" + UUID.randomUUID().toString().substring(0, 8));
		return new DeliveryEngine(queue, reports, recipients, contents, rules, relay, custom, mail, messages, clock,
				tokens, properties, bounces, residentMails, budget, leases, hourly, transactions, claims);
	}

	static SmtpTarget plain(int port) {
		return new SmtpTarget("127.0.0.1", port, null, null, MailSettings.Tls.NONE);
	}

	/**
	 * Sends one batch of at most {@code size} due messages to the mail catcher, as one
	 * worker of a running engine would, and returns how many it handled: for tests that
	 * need a notice caught mid-send.
	 */
	public int sendOneBatch(int size) {
		try (SmtpConnection connection = new SmtpConnection(target, 1000)) {
			return engine(size, settings.destinations(), Clock.systemUTC()).runOnce("one-batch", connection);
		}
	}

}
