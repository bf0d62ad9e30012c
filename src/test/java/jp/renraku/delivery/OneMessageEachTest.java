package jp.renraku.delivery;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A released notice goes to every registrant as one message of their own over real SMTP
 * (the mail catcher), with their name and personal link, and to nobody who stopped before
 * it was sent.
 */
@RenrakuIntegrationTest
class OneMessageEachTest {

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	List<String> addresses;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		addresses = sending.addresses();
	}

	/**
	 * The mails to this test's registrants: a retry another test left behind may come due
	 * meanwhile and be sent too.
	 */
	private List<MailCatcher.CaughtMail> ours() {
		return catcher.caught().stream().filter(mail -> addresses.contains(mail.to().get(0))).toList();
	}

	@Test
	void everyRegistrantGetsOneMessageOfTheirOwn() {
		long id = notices.draft(sending).subject("台風{{氏名}}").text("{{氏名}}さん\n明日は臨時休校です。\n{{変更・停止リンク}}").release();
		// at least ours: another test's retry may come due meanwhile (the rows below
		// count
		// this notice's)
		assertThat(engine.sendDueNow()).isGreaterThanOrEqualTo(3);

		var mails = ours();
		assertThat(mails).hasSize(3);
		assertThat(mails).allSatisfy(mail -> {
			assertThat(mail.to()).hasSize(1);
			assertThat(mail.rawHeaders()).doesNotContainIgnoringCase("\nCc:")
				.doesNotContainIgnoringCase("\nBcc:")
				.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
				.contains("Precedence: bulk")
				.containsPattern("Message-ID: <\\d+\\." + id + "\\.renraku@");
			assertThat(mail.body()).contains("明日は臨時休校です。").contains("/m/");
		});
		assertThat(mails.stream().flatMap(m -> m.to().stream()).toList())
			.containsExactlyInAnyOrderElementsOf(addresses);
		assertThat(mails).anySatisfy(mail -> {
			assertThat(mail.subject()).isEqualTo("台風髙橋 﨑子");
			assertThat(mail.body()).startsWith("髙橋 﨑子さん");
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'SENT'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aRegistrantWhoStopsBeforeTheSendIsNotMailed() {
		long id = notices.draft(sending).release();
		jdbc.sql("DELETE FROM registrant WHERE email = :e").param("e", addresses.get(2)).update();
		engine.sendDueNow();
		assertThat(ours()).hasSize(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'SKIPPED'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
