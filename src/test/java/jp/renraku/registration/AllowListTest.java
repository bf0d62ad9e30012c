package jp.renraku.registration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StaffRequests;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.Contact;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What a resident reads about who runs a list (issue 14): the address their filter must
 * let through — the one the mail comes from — and the mail-in domain, on the start page
 * before the mail is sent, on the "sent" page and on the personal page; the sender's name
 * and the contact on every page of the flow.
 */
@RenrakuIntegrationTest
class AllowListTest {

	private static final Pattern ALLOW_FROM = Pattern.compile("id=\"allow-from\"[^>]*>([^<]+)<");

	private static final Pattern ALLOW_DOMAIN = Pattern.compile("id=\"allow-domain\"[^>]*>([^<]+)<");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	ListSenders senders;

	TestStaff manager;

	RegistrationList list;

	@BeforeEach
	void aList() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		fixtures.resetAttempts();
	}

	static String allowed(MvcTestResult page) {
		return find(ALLOW_FROM, page);
	}

	static String find(Pattern pattern, MvcTestResult page) {
		Matcher m = pattern.matcher(html(page));
		assertThat(m.find()).as("the page shows " + pattern).isTrue();
		return m.group(1).strip();
	}

	static String html(MvcTestResult page) {
		return new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	static String fromAddress(MailCatcher.CaughtMail mail) throws AddressException {
		return InternetAddress.parseHeader(mail.from(), false)[0].getAddress();
	}

	@Test
	void theStartSentAndPersonalPagesShowTheAddressTheMailComesFrom() throws AddressException {
		MvcTestResult start = mvc.get().uri("/r/" + list.publicToken()).exchange();
		assertThat(start).hasStatusOk();
		String shown = allowed(start);
		assertThat(find(ALLOW_DOMAIN, start)).as("the mail-in domain, where replies go").isEqualTo("bounce.example.jp");
		String body = html(start);
		assertThat(body.indexOf("id=\"allow-from\"")).as("shown before the address field")
			.isLessThan(body.indexOf("id=\"email\""));
		assertThat(body).contains("受信リスト設定").contains("受信許可リスト").contains("iPhone");

		String email = StaffFixtures.unique("allow") + "@docomo.ne.jp";
		MvcTestResult sent = mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange();
		assertThat(sent).hasStatusOk().bodyText().contains("確認メールを送りました");
		assertThat(allowed(sent)).isEqualTo(shown);
		assertThat(fromAddress(fixtures.mailTo(email))).as("the confirmation mail's From").isEqualTo(shown);

		String link = RegistrationFixtures.link(fixtures.mailTo(email), "/r/");
		mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "許可 花子")
			.param("furigana", "きょか はなこ")
			.param("affiliation", "1年1組")
			.exchange();
		var welcome = fixtures.mailTo(email);
		assertThat(fromAddress(welcome)).as("the welcome mail's From").isEqualTo(shown);
		MvcTestResult manage = mvc.get().uri(RegistrationFixtures.link(welcome, "/m/")).exchange();
		assertThat(manage).hasStatusOk();
		assertThat(allowed(manage)).isEqualTo(shown);
		assertThat(find(ALLOW_DOMAIN, manage)).isEqualTo("bounce.example.jp");
	}

	@Test
	void everyPageOfTheFlowNamesWhoRunsTheListAndWhereToAsk() {
		senders.save(list.id(),
				new ListSenders.Override("八鹿小学校", null,
						new Contact("八鹿小学校 教頭", "079-662-0000", "平日 8時〜17時", null, "https://school.example.jp/form")),
				Instant.now());
		String[] issuer = { "配信元: 八鹿小学校", "問い合わせ先: 八鹿小学校 教頭", "電話: 079-662-0000（平日 8時〜17時）",
				"問い合わせフォーム: https://school.example.jp/form" };

		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).hasStatusOk().bodyText().contains(issuer);
		String email = StaffFixtures.unique("issuer") + "@example.jp";
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken())
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange()).hasStatusOk().bodyText().contains(issuer);
		String link = RegistrationFixtures.link(fixtures.mailTo(email), "/r/");
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk().bodyText().contains("登録内容の入力").contains(issuer);
		assertThat(mvc.post()
			.uri("/r/" + list.publicToken() + "/confirm")
			.with(csrf())
			.param("t", link.substring(link.indexOf("t=") + 2))
			.param("name", "問合 太郎")
			.param("furigana", "といあわせ たろう")
			.param("affiliation", "1年1組")
			.exchange()).hasStatusOk().bodyText().contains("登録が完了しました").contains(issuer);
		assertThat(mvc.get().uri(RegistrationFixtures.link(fixtures.mailTo(email), "/m/")).exchange()).hasStatusOk()
			.bodyText()
			.contains(issuer);

		StaffRequests.post(mvc, manager, "/lists/" + list.id() + "/close");
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).hasStatusOk()
			.bodyText()
			.contains("登録を受け付けていません")
			.contains(issuer);
	}

	@Test
	void aListWithoutContactShowsTheBodysNameAndNoContactBlock() {
		MvcTestResult start = mvc.get().uri("/r/" + list.publicToken()).exchange();
		assertThat(start).hasStatusOk().bodyText().contains("配信元: 機関-");
		assertThat(start).bodyText().doesNotContain("問い合わせ先:");
		assertThat(html(start)).doesNotContain("class=\"contact\"");
	}

}
