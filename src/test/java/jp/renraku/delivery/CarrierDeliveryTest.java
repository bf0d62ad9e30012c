package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail to mobile carriers: ISO-2022-JP with platform characters normalised, a limited
 * number of messages per SMTP session, and a pace that defers the rest without counting
 * an attempt.
 */
@RenrakuIntegrationTest
class CarrierDeliveryTest {

	@Autowired
	DeliveryEngine engine;

	@Autowired
	DeliveryFixtures fixtures;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	/**
	 * The carriers' pace is the city's, shared by every engine on the database: a test
	 * engine's clock that ran ahead must not leave the others waiting for its slice.
	 */
	@AfterEach
	void freshCarrierBudget() {
		jdbc.sql("DELETE FROM carrier_pace").update();
	}

	private long release(String subject, String text, Map<String, String> nameByAddress) {
		return fixtures.release(false, subject, text, nameByAddress);
	}

	private DeliveryEngine engineWith(DeliverySettings.Destination docomo, Clock clock) {
		return fixtures.engine(200, Map.of("docomo", docomo), clock);
	}

	private double deferredToDocomo() {
		var counter = meters.find("renraku.delivery.deferred").tag("group", "docomo").counter();
		return counter == null ? 0 : counter.count();
	}

	private Map<String, Object> row(long noticeId, String email) {
		return jdbc
			.sql("""
					SELECT d.status, d.attempts, d.next_attempt_at FROM delivery d JOIN registrant r ON r.id = d.registrant_id
					WHERE d.notice_id = :n AND r.email = :e
					""")
			.param("n", noticeId)
			.param("e", email)
			.query()
			.singleRow();
	}

	@Test
	void carrierPhonesGetIso2022JpWithPlatformCharactersNormalisedOthersUtf8() {
		engine.sendDueNow();
		String tag = StaffFixtures.unique("j");
		String carrier = "k.." + tag + ".@docomo.ne.jp";
		String unmappable = "t." + tag + "@docomo.ne.jp";
		String pc = "p." + tag + "@example.jp";
		release("①台風 ㈱ﾃｽﾄ", "{{氏名}}様\n10～12時に ｶﾞｯｺｳ へ。", Map.of(carrier, "ﾔﾏﾀﾞ ﾀﾛｳ", unmappable, "髙橋 花子", pc, "佐藤 ①"));
		engine.sendDueNow();

		MailCatcher.CaughtMail jis = registration.mailTo(carrier);
		assertThat(jis.rawHeaders()).containsIgnoringCase("charset=ISO-2022-JP")
			.containsIgnoringCase("Content-Transfer-Encoding: 7bit");
		assertThat(jis.subject()).isEqualTo("(1)台風 (株)テスト");
		assertThat(jis.body()).startsWith("ヤマダ タロウ様\r\n10〜12時に ガッコウ へ。").contains("/m/");

		// 「髙」 has no form in ISO-2022-JP: that message goes as UTF-8 rather than lose it
		MailCatcher.CaughtMail kept = registration.mailTo(unmappable);
		assertThat(kept.rawHeaders()).containsIgnoringCase("charset=UTF-8");
		assertThat(kept.body()).startsWith("髙橋 花子様");
		assertThat(kept.subject()).isEqualTo("①台風 ㈱ﾃｽﾄ");

		MailCatcher.CaughtMail utf8 = registration.mailTo(pc);
		assertThat(utf8.rawHeaders()).containsIgnoringCase("charset=UTF-8");
		assertThat(utf8.subject()).isEqualTo("①台風 ㈱ﾃｽﾄ");
		assertThat(utf8.body()).startsWith("佐藤 ①様");
	}

	@Test
	void carrierMailGoesInSessionsOfTheConfiguredSize() throws Exception {
		engine.sendDueNow();
		String tag = StaffFixtures.unique("s");
		Map<String, String> people = new LinkedHashMap<>();
		for (int i = 0; i < 5; i++) {
			people.put("d" + i + "." + tag + "@docomo.ne.jp", "携帯" + i);
		}
		people.put("a." + tag + "@example.jp", "パソコンA");
		people.put("b." + tag + "@example.jp", "パソコンB");
		release("件名", "本文", people);
		DeliveryEngine limited = engineWith(
				new DeliverySettings.Destination(List.of("docomo.ne.jp"), 1, 0, 2, DeliverySettings.MailCharset.UTF_8),
				Clock.systemUTC());
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok");
				SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 1000)) {
			limited.runOnce("test", connection);
			connection.close();
			assertThat(relay.accepted).hasSize(7);
			List<List<String>> carrierSessions = relay.sessions.stream()
				.filter(s -> !s.isEmpty() && s.get(0).contains("docomo"))
				.toList();
			assertThat(carrierSessions).extracting(List::size).containsExactly(2, 2, 1);
			assertThat(carrierSessions).allSatisfy(s -> assertThat(s).allMatch(a -> a.endsWith("@docomo.ne.jp")));
			assertThat(relay.sessions).filteredOn(s -> s.stream().anyMatch(a -> a.endsWith("@example.jp")))
				.singleElement()
				.satisfies(s -> assertThat(s).hasSize(2).noneMatch(a -> a.contains("docomo")));
		}
	}

	@Test
	void mailOverTheCarriersPaceWaitsItsTurnWithoutCountingAnAttempt() throws Exception {
		engine.sendDueNow();
		String tag = StaffFixtures.unique("p");
		Map<String, String> people = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			people.put("d" + i + "." + tag + "@docomo.ne.jp", "携帯" + i);
		}
		long noticeId = release("件名", "本文", people);
		double deferredBefore = deferredToDocomo();
		Instant start = Instant.now().plusMillis(500).truncatedTo(ChronoUnit.MILLIS);
		// one a second, no burst beyond that
		MovableClock clock = new MovableClock(start);
		DeliveryEngine paced = engineWith(
				new DeliverySettings.Destination(List.of("docomo.ne.jp"), 0, 60, 0, DeliverySettings.MailCharset.UTF_8),
				clock);
		try (ScriptedSmtpServer relay = new ScriptedSmtpServer(address -> "250 ok");
				SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 1000)) {
			paced.runOnce("test", connection);
			assertThat(relay.accepted).hasSize(1);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :n AND status = 'DEFERRED'")
				.param("n", noticeId)
				.query(Long.class)
				.single()).isEqualTo(3);
			assertThat(deferredToDocomo() - deferredBefore).as("counted for the operators, by group").isEqualTo(3);
			// the waiting ones are spread one interval apart, and none was counted as an
			// attempt
			List<OffsetDateTime> due = jdbc.sql("""
					SELECT next_attempt_at FROM delivery WHERE notice_id = :n AND status = 'DEFERRED'
					AND attempts = 0 ORDER BY next_attempt_at
					""").param("n", noticeId).query(OffsetDateTime.class).list();
			assertThat(due).extracting(t -> Duration.between(start, t.toInstant()).toSeconds())
				.containsExactly(1L, 2L, 3L);

			// before its time nothing more goes; each second, one more
			assertThat(paced.runOnce("test", connection)).isZero();
			for (int second = 1; second <= 3; second++) {
				clock.now = start.plusSeconds(second);
				paced.runOnce("test", connection);
				assertThat(relay.accepted).hasSize(1 + second);
			}
			assertThat(people.keySet())
				.allSatisfy(email -> assertThat(row(noticeId, email)).containsEntry("status", "SENT")
					.containsEntry("attempts", 1));
		}
	}

}
