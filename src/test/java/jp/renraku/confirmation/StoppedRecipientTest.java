package jp.renraku.confirmation;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.notice.NoticeFixtures.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Once a recipient has stopped (or was erased), the confirmation link of their mail
 * records nothing — not the button's press on its short path, not answers, not an opening
 * — and answers the page their personal link answers: mail has stopped, with the list and
 * how to register again (410, not a 404).
 */
@RenrakuIntegrationTest
class StoppedRecipientTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	ReceiptWriter writer;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	List<String> addresses;

	@BeforeEach
	void twoRegistrants() {
		sending = notices.sending(resident("stays@example.jp", "残る 人", "1年1組"),
				resident("stops@example.jp", "やめる 人", "1年1組"));
		addresses = sending.addresses();
	}

	private void stop(String address) {
		String manage = RegistrationFixtures.link(registration.mailTo(address), "/m/");
		assertThat(mvc.post().uri(manage + "/stop").with(csrf()).exchange()).hasStatusOk();
	}

	private long delivery(long noticeId, String address) {
		return jdbc.sql("""
				SELECT d.id FROM delivery d JOIN registrant r ON r.id = d.registrant_id
				WHERE d.notice_id = :notice AND r.email = :email
				""").param("notice", noticeId).param("email", address).query(Long.class).single();
	}

	@Test
	void theButtonOfSomeoneWhoStoppedRecordsNothingAndAnswersTheStoppedPage() throws Exception {
		long id = notices.draft(sending).subject("受信確認").text("{{受信確認リンク}}").askConfirmation().send();
		String link = confirm.link(addresses.get(1));
		stop(addresses.get(1));

		var opened = mvc.get().uri(link).exchange();
		assertThat(opened).hasStatus(410)
			.bodyText()
			.contains("配信を停止しました")
			.contains(sending.list().name())
			.contains("href=\"/r/" + sending.list().publicToken() + "\"")
			.doesNotContain("/login");
		// the button's POST (the short path, then the page)
		assertThat(confirm.press(link)).hasStatus(410).bodyText().contains("配信を停止しました");
		assertThat(confirm.receipts(id)).isZero();
		// the one who stays still confirms
		assertThat(confirm.press(confirm.link(addresses.get(0)))).hasStatusOk().bodyText().contains("受信の確認を記録しました。");
		assertThat(confirm.receipts(id)).isEqualTo(1);
	}

	@Test
	void aGroupOfPressesDecidesEachByWhetherItsRecipientStillExists() throws Exception {
		long id = notices.draft(sending).subject("まとめて").askConfirmation().send();
		long stays = delivery(id, addresses.get(0));
		long stops = delivery(id, addresses.get(1));
		stop(addresses.get(1));
		assertThat(writer.press(DeliveryId.of(stops), null).outcome()).isEqualTo(PressOutcome.STOPPED);
		assertThat(writer.press(DeliveryId.of(stays), null).outcome()).isEqualTo(PressOutcome.RECORDED);
		assertThat(confirm.receipts(id)).isEqualTo(1);
	}

	@Test
	void answersAfterStoppingAreRefused() throws Exception {
		long id = notices.safetyDraft(sending).send();
		String link = confirm.link(addresses.get(1));
		stop(addresses.get(1));
		assertThat(confirm.answer(link, "q1", "支援が必要", "q2", "足が不自由です")).hasStatus(410)
			.bodyText()
			.contains("配信を停止しました");
		assertThat(confirm.answers(id)).isEmpty();
		assertThat(confirm.receipts(id)).isZero();
	}

}
