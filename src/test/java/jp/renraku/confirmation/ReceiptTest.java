package jp.renraku.confirmation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.http.Cookie;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.delivery.Outbox;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

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
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	Outbox tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReceiptWriter writer;

	Sending sending;

	TestStaff sender;

	List<String> addresses;

	@BeforeEach
	void threeRegistrants() {
		sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@docomo.ne.jp"));
		sender = sending.sender();
		addresses = sending.addresses();
	}

	/** Sends a notice 「安否の確認」 with the text, asking for confirmation or not. */
	private long send(boolean ask, String text) {
		return notices.draft(sending).subject("安否の確認").text(text).field("askConfirmation", String.valueOf(ask)).send();
	}

	@Test
	void openingTheLinkRecordsNothingAndTheButtonRecordsOnce() throws Exception {
		long id = send(true, "台風が接近しています。\n{{受信確認リンク}}\n以上");
		String link = confirm.link(addresses.get(0));
		assertThat(registration.mailTo(addresses.get(0)).body()).contains("台風が接近しています。\r\nhttp");
		// every recipient has a different link, the carrier phone's too (ISO-2022-JP)
		assertThat(confirm.link(addresses.get(1))).isNotEqualTo(link);
		assertThat(confirm.link(addresses.get(2))).startsWith("/c/");

		var opened = mvc.get().uri(link).exchange();
		assertThat(opened).hasStatusOk().bodyText().contains("安否の確認").contains("受信を確認しました");
		assertThat(opened.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(confirm.receipts(id)).isZero();

		// no session and no CSRF token: the token in the address is the key
		var pressed = confirm.press(link);
		assertThat(pressed).hasStatusOk().bodyText().contains("受信の確認を記録しました。");
		assertThat(pressed.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(confirm.receipts(id)).isEqualTo(1);
		assertThat(confirm.press(link)).hasStatusOk().bodyText().contains("すでに確認済みです");
		assertThat(mvc.get().uri(link).exchange()).bodyText()
			.contains("すでに確認済みです")
			.doesNotContain("<button type=\"submit\" class=\"button button--primary button--large\"");
		assertThat(confirm.receipts(id)).isEqualTo(1);

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
		send(true, "見出し");
		String link = confirm.link(addresses.get(0));
		var page = mvc.get().uri(link).exchange().getResponse();
		var pressed = confirm.press(link).getResponse();
		assertThat(pressed.getStatus()).isEqualTo(200);
		assertThat(pressed.getContentAsString()).contains("受信の確認を記録しました。").contains("/css/renraku.css");
		for (String header : List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
				"Referrer-Policy", "Cache-Control", "Pragma", "Expires", "X-XSS-Protection", "Content-Language")) {
			assertThat(pressed.getHeader(header)).as(header).isNotNull().isEqualTo(page.getHeader(header));
		}
		assertThat(pressed.getContentType()).isEqualTo(page.getContentType());
		assertThat(pressed.getHeader("Set-Cookie")).isNull();
		// in English when the resident chose English
		var english = mvc.post().uri(link).cookie(new Cookie("renraku-lang", "en")).exchange().getResponse();
		assertThat(english.getContentAsString()).contains("Receipt of this notice was already confirmed.");
	}

	@Test
	void withoutThePlaceholderTheLinkGoesFirst() {
		send(true, "本文だけ");
		assertThat(registration.mailTo(addresses.get(0)).body()).startsWith("受信を確認したら").contains("/c/");
	}

	@Test
	void forgedCutAlteredAndForeignTokensAreNotFoundAndRecordNothing() throws Exception {
		long asked = send(true, "確認してください");
		String link = confirm.link(addresses.get(0));
		String token = link.substring("/c/".length());
		long plain = send(false, "確認は不要です");
		long plainDelivery = jdbc.sql("SELECT MIN(id) FROM delivery WHERE notice_id = :id")
			.param("id", plain)
			.query(Long.class)
			.single();
		char last = token.charAt(token.length() - 1);
		List<String> bad = List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token.substring(0, 35),
				token.substring(0, 35) + (last == 'A' ? 'B' : 'A'),
				(token.charAt(0) == 'x' ? "y" : "x") + token.substring(1), token + "A", tokens.token(plainDelivery),
				tokens.token(999_999_999L), "..%2F..%2Fetc%2Fpasswd");
		for (String forged : bad) {
			assertThat(mvc.get().uri("/c/" + forged).exchange()).as(forged).hasStatus4xxClientError();
			assertThat(mvc.post().uri("/c/" + forged).exchange()).as(forged).hasStatus4xxClientError();
		}
		assertThat(confirm.receipts(asked)).isZero();
		assertThat(confirm.receipts(plain)).isZero();
		assertThat(mvc.get().uri("/c/" + forged404()).exchange().getResponse().getContentAsString())
			.doesNotContain("Exception")
			.doesNotContain("Tomcat");
	}

	private static String forged404() {
		return "A".repeat(36);
	}

	@Test
	void pressesAtTheSameMomentAreRecordedOnceEachInGroups() throws Exception {
		long id = send(true, "同時に押される");
		List<Long> deliveries = jdbc.sql("SELECT id FROM delivery WHERE notice_id = :id ORDER BY id")
			.param("id", id)
			.query(Long.class)
			.list();
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			List<Future<Boolean>> presses = new ArrayList<>();
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
		assertThat(confirm.receipts(id)).isEqualTo(deliveries.size());
	}

}
