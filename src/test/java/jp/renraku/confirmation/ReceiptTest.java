package jp.renraku.confirmation;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Art. 5-2 receipt confirmation as residents meet it: the personal link in their mail, a
 * page that records nothing when opened, one button that records once; forged, cut,
 * altered and foreign tokens get "not found" and record nothing.
 */
@RenrakuIntegrationTest
class ReceiptTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	Outbox tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReceiptWriter writer;

	TestStaff sender;

	RegistrationList list;

	List<String> addresses;

	@BeforeEach
	void threeRegistrants() {
		engine.sendDueNow();
		TestStaff manager = staff.manager(staff.body());
		sender = staff.sender(manager);
		list = registration.list(manager);
		String tag = StaffFixtures.unique("c");
		addresses = List.of(tag + ".a@example.jp", tag + ".b@example.jp", tag + ".c@docomo.ne.jp");
		for (String address : addresses) {
			registration.registrant(list, address, "登録者", "1年1組");
		}
		catcher.clear();
	}

	private long release(boolean ask, String text) {
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", "安否の確認")
			.param("text", text)
			.param("listIds", String.valueOf(list.id()))
			.param("askConfirmation", String.valueOf(ask))
			.exchange();
		String location = created.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		engine.sendDueNow();
		return id;
	}

	private long receipts(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_receipt WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	@Test
	void openingTheLinkRecordsNothingAndTheButtonRecordsOnce() throws Exception {
		long id = release(true, "台風が接近しています。\n{{受信確認リンク}}\n以上");
		String link = RegistrationFixtures.link(registration.mailTo(addresses.get(0)), "/c/");
		assertThat(registration.mailTo(addresses.get(0)).body()).contains("台風が接近しています。\r\nhttp");
		// every recipient has a different link, the carrier phone's too (ISO-2022-JP)
		assertThat(RegistrationFixtures.link(registration.mailTo(addresses.get(1)), "/c/")).isNotEqualTo(link);
		assertThat(RegistrationFixtures.link(registration.mailTo(addresses.get(2)), "/c/")).startsWith("/c/");

		var opened = mvc.get().uri(link).exchange();
		assertThat(opened).hasStatusOk().bodyText().contains("安否の確認").contains("受信を確認しました");
		assertThat(opened.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(receipts(id)).isZero();

		// no session and no CSRF token: the token in the address is the key
		var pressed = mvc.post().uri(link).exchange();
		assertThat(pressed).hasStatusOk().bodyText().contains("受信の確認を記録しました。");
		assertThat(pressed.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(receipts(id)).isEqualTo(1);
		assertThat(mvc.post().uri(link).exchange()).hasStatusOk().bodyText().contains("すでに確認済みです");
		assertThat(mvc.get().uri(link).exchange()).bodyText()
			.contains("すでに確認済みです")
			.doesNotContain("<button type=\"submit\" class=\"button button--primary button--large\"");
		assertThat(receipts(id)).isEqualTo(1);

		// the sender sees it on the notice page and in the live figures
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("1人（送信済みの33%）");
		assertThat(mvc.get().uri("/notices/" + id + "/progress").with(sender.signedIn()).exchange()).bodyJson()
			.extractingPath("$.confirmed")
			.isEqualTo("1人（送信済みの33%）");
	}

	/**
	 * The button's press is answered before the security chains (ConfirmButtonFilter): it
	 * must carry the same security headers as the pages the chains answer.
	 */
	@Test
	void theButtonsAnswerCarriesTheSameSecurityHeadersAsThePage() throws Exception {
		release(true, "見出し");
		String link = RegistrationFixtures.link(registration.mailTo(addresses.get(0)), "/c/");
		var page = mvc.get().uri(link).exchange().getResponse();
		var pressed = mvc.post().uri(link).exchange().getResponse();
		assertThat(pressed.getStatus()).isEqualTo(200);
		assertThat(pressed.getContentAsString()).contains("受信の確認を記録しました。").contains("/css/renraku.css");
		for (String header : List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
				"Referrer-Policy", "Cache-Control", "Pragma", "Expires", "X-XSS-Protection", "Content-Language")) {
			assertThat(pressed.getHeader(header)).as(header).isNotNull().isEqualTo(page.getHeader(header));
		}
		assertThat(pressed.getContentType()).isEqualTo(page.getContentType());
		assertThat(pressed.getHeader("Set-Cookie")).isNull();
		// in English when the resident chose English
		var english = mvc.post()
			.uri(link)
			.cookie(new jakarta.servlet.http.Cookie("renraku-lang", "en"))
			.exchange()
			.getResponse();
		assertThat(english.getContentAsString()).contains("Receipt of this notice was already confirmed.");
	}

	@Test
	void withoutThePlaceholderTheLinkGoesFirst() {
		release(true, "本文だけ");
		assertThat(registration.mailTo(addresses.get(0)).body()).startsWith("受信を確認したら").contains("/c/");
	}

	@Test
	void forgedCutAlteredAndForeignTokensAreNotFoundAndRecordNothing() throws Exception {
		long asked = release(true, "確認してください");
		String link = RegistrationFixtures.link(registration.mailTo(addresses.get(0)), "/c/");
		String token = link.substring("/c/".length());
		long plain = release(false, "確認は不要です");
		long plainDelivery = jdbc.sql("SELECT MIN(id) FROM delivery WHERE notice_id = :id")
			.param("id", plain)
			.query(Long.class)
			.single();
		char last = token.charAt(token.length() - 1);
		List<String> bad = List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token.substring(0, 35),
				token.substring(0, 35) + (last == 'A' ? 'B' : 'A'), "x" + token.substring(1), token + "A",
				tokens.token(plainDelivery), tokens.token(999_999_999L), "..%2F..%2Fetc%2Fpasswd");
		for (String forged : bad) {
			assertThat(mvc.get().uri("/c/" + forged).exchange()).as(forged).hasStatus4xxClientError();
			assertThat(mvc.post().uri("/c/" + forged).exchange()).as(forged).hasStatus4xxClientError();
		}
		assertThat(receipts(asked)).isZero();
		assertThat(receipts(plain)).isZero();
		assertThat(mvc.get().uri("/c/" + forged404()).exchange().getResponse().getContentAsString())
			.doesNotContain("Exception")
			.doesNotContain("Tomcat");
	}

	private static String forged404() {
		return "A".repeat(36);
	}

	@Test
	void pressesAtTheSameMomentAreRecordedOnceEachInGroups() throws Exception {
		long id = release(true, "同時に押される");
		List<Long> deliveries = jdbc.sql("SELECT id FROM delivery WHERE notice_id = :id ORDER BY id")
			.param("id", id)
			.query(Long.class)
			.list();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
		try {
			List<java.util.concurrent.Future<Boolean>> presses = new java.util.ArrayList<>();
			for (int i = 0; i < 60; i++) {
				long delivery = deliveries.get(i % deliveries.size());
				presses.add(pool
					.submit(() -> writer.press(DeliveryId.of(delivery), null).outcome() == PressOutcome.RECORDED));
			}
			long firsts = 0;
			for (var press : presses) {
				firsts += press.get() ? 1 : 0;
			}
			assertThat(firsts).isEqualTo(deliveries.size());
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(receipts(id)).isEqualTo(deliveries.size());
	}

}
