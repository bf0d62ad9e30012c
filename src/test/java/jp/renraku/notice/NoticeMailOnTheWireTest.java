package jp.renraku.notice;

import java.util.List;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.CarrierLetters;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice, its reminder and its test send as a docomo, an au and a SoftBank phone get
 * them (issue 14): ISO-2022-JP from the body's name with its contact at the end; and the
 * test send is the registrant's mail itself, byte for byte, but for what is personal.
 */
@RenrakuIntegrationTest
class NoticeMailOnTheWireTest {

	private static final String BODY_NAME = "養父市 防災課";

	private static final String CONTACT = "電話: 079-662-3161";

	/** What differs between two recipients' mails of one notice: the rest is the same. */
	private static final List<String> PERSONAL_HEADERS = List.of("Date", "To", "Message-ID", "Reply-To",
			"List-Unsubscribe", "Return-Path", "Received");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void threeCarrierPhones() {
		sending = notices.sending(NoticeFixtures.residents("a@docomo.ne.jp", "b@ezweb.ne.jp", "c@softbank.ne.jp"));
		sender = sending.sender();
		assertThat(post(mvc, sending.manager(), "/sender", "displayName", BODY_NAME, "phone", "079-662-3161"))
			.hasRedirectedUrl("/sender");
	}

	@Test
	void aNoticeAndItsReminderReachEveryCarrierAsTheBodysMail() {
		long id = notices.safetyDraft(sending).send();
		for (String address : sending.addresses()) {
			MailCatcher.CaughtMail mail = registration.mailTo(address);
			CarrierLetters.assertCarrierSafe(mail, BODY_NAME, CONTACT);
			assertThat(mail.subject()).isEqualTo("地震の安否確認");
			assertThat(mail.body()).startsWith("登録者 様\r\nhttp").contains("/c/").contains("/m/");
		}
		catcher.clear();
		long reminder = NoticeFixtures.idOf(post(mvc, sender, "/notices/" + id + "/remind"));
		notices.send(sender, reminder);
		for (String address : sending.addresses()) {
			MailCatcher.CaughtMail mail = registration.mailTo(address);
			CarrierLetters.assertCarrierSafe(mail, BODY_NAME, CONTACT);
			assertThat(mail.subject()).startsWith("【再送】");
		}
	}

	@Test
	void theTestSendIsTheRegistrantsMailButForWhatIsPersonal() {
		String tester = "tester." + sending.addresses().get(0);
		jdbc.sql("UPDATE staff_account SET email = :e WHERE id = :id")
			.param("e", tester)
			.param("id", sender.id())
			.update();
		long id = notices.draft(sending)
			.subject("{{氏名}} 様 明日の運動会")
			.text("{{氏名}} 様\n明日は運動会です。\n{{受信確認リンク}}\n変更は {{変更・停止リンク}}")
			.askConfirmation()
			.save();
		assertThat(post(mvc, sender, "/notices/" + id + "/test")).hasStatus3xxRedirection();
		MailCatcher.CaughtMail test = registration.mailTo(tester);
		CarrierLetters.assertCarrierSafe(test, BODY_NAME, CONTACT);
		catcher.clear();
		notices.send(sender, id);
		MailCatcher.CaughtMail real = registration.mailTo(sending.addresses().get(0));

		String writer = sender.staff().displayName();
		String note = "（テスト送信のため、ここには受け取る人ごとのリンクが入ります）";
		assertThat(impersonal(test.raw()).headers()).isEqualTo(impersonal(real.raw()).headers());
		assertThat(test.subject().replace(writer, "NAME")).isEqualTo(real.subject().replace("登録者", "NAME"));
		assertThat(test.body().replace(writer, "NAME").replace(note, "LINK"))
			.isEqualTo(real.body().replace("登録者", "NAME").replaceAll("https?://\\S+/[cm]/\\S+", "LINK"));
		assertThat(test.body()).doesNotContain("/c/").doesNotContain("/m/");
	}

	private record Impersonal(List<String> headers) {
	}

	/**
	 * The headers as sent, in order, without those that differ per recipient, and the
	 * subject left out (it carries the name, compared decoded).
	 */
	private static Impersonal impersonal(String raw) {
		String headers = raw.substring(0, raw.indexOf("\r\n\r\n")).replaceAll("\r\n[ \t]+", " ");
		return new Impersonal(Pattern.compile("\r\n")
			.splitAsStream(headers)
			.filter(line -> PERSONAL_HEADERS.stream()
				.noneMatch(name -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1)))
			.map(line -> line.startsWith("Subject:") ? "Subject: (personal)" : line)
			.toList());
	}

}
