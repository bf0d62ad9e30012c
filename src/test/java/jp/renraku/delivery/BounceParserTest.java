package jp.renraku.delivery;

import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How bounces of other formats are read, and what is not a bounce. */
class BounceParserTest {

	private static final String TO = "bounce+" + "ab".repeat(26) + "@bounce.example.jp";

	/** As messages_ja.properties has it (bounce.addressMask). */
	private static final String MASK = "(宛先)";

	private static BounceReason reason(String from, String subject, String text) throws Exception {
		return BounceClassifier.classify(parse(from, subject, text).orElseThrow().evidence());
	}

	private static Optional<BounceParser.Report> parse(String from, String subject, String text) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(from);
		message.setRecipients(MimeMessage.RecipientType.TO, TO);
		message.setSubject(subject, "UTF-8");
		message.setText(text, "UTF-8");
		message.saveChanges();
		return BounceParser.parse(message, MASK);
	}

	@Test
	void statusCodesDecideBeforeWords() throws Exception {
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "Undeliverable", "550 5.7.1 Message rejected as spam"))
			.as("a spam filter says nothing about the address")
			.isEqualTo(BounceReason.CONTENT);
		assertThat(reason("postmaster@mx.example.jp", "Delivery has failed",
				"Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'"))
			.isEqualTo(BounceReason.USER_UNKNOWN);
		assertThat(parse("MAILER-DAEMON@mx.example.jp", "Returned mail", "452 4.2.2 Mailbox full").orElseThrow()
			.evidence()
			.status()).isEqualTo("4.2.2");
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "Returned mail", "452 4.2.2 Mailbox full"))
			.isEqualTo(BounceReason.MAILBOX_FULL);
	}

	@Test
	void japaneseServersWordsAreRead() throws Exception {
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "メール送信エラー", "次の宛先に配信できませんでした。宛先が見つかりません。"))
			.isEqualTo(BounceReason.USER_UNKNOWN);
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "配信不能", "受信者のメールボックスの容量がいっぱいです。"))
			.isEqualTo(BounceReason.MAILBOX_FULL);
	}

	@Test
	void autoRepliesAndMailWithoutTheReturnPathAreNotBounces() throws Exception {
		assertThat(reason("taro@example.jp", "Re: お知らせ", "了解しました。")).isEqualTo(BounceReason.VACATION);
		MimeMessage elsewhere = new MimeMessage(Session.getInstance(new Properties()));
		elsewhere.setFrom("MAILER-DAEMON@mx.example.jp");
		elsewhere.setRecipients(MimeMessage.RecipientType.TO, "renraku@city.example.jp");
		elsewhere.setSubject("Undeliverable");
		elsewhere.setText("550 5.1.1 User unknown");
		assertThat(BounceParser.parse(elsewhere, MASK)).isEmpty();
	}

	@Test
	void numbersAndWordsInAnAutoReplyOrAQuoteDecideNothing() throws Exception {
		assertThat(reason("taro@example.jp", "不在のお知らせ", "11月30日まで不在です。\n> 避難所に550人が避難しています。\n> 一時的に閉鎖"))
			.isEqualTo(BounceReason.VACATION);
		// a real bounce that quotes the notice: the quote does not decide
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "Undelivered Mail Returned to Sender",
				"Delivery to the following recipient failed permanently: user unknown\n> 避難所に550人が避難しています。\n> 一時的に"))
			.isEqualTo(BounceReason.USER_UNKNOWN);
		assertThat(reason("MAILER-DAEMON@mx.example.jp", "Undelivered Mail Returned to Sender",
				"The mail system\n\n> 避難所に550人が避難しています。"))
			.as("nothing the server said: counts, never stops")
			.isEqualTo(BounceReason.UNDEFINED);
	}

	@Test
	void addressesInTheDiagnosticAreMasked() throws Exception {
		BounceEvidence evidence = parse("MAILER-DAEMON@mx.example.jp", "Undeliverable",
				"550 5.1.1 <hanako@example.jp>: User unknown")
			.orElseThrow()
			.evidence();
		assertThat(evidence.diagnostic()).doesNotContain("hanako").contains("(宛先)");
		assertThat(evidence.text()).doesNotContain("hanako");
	}

}
