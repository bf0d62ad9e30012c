package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.delivery.NoticeId;
import jp.renraku.delivery.Outbox;
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
 * Reminders of a notice with questions: a new notice to those who have not answered, sent
 * by hand or automatically when due, at most the times asked; its link answers the
 * original notice, and a reminder of a reminder reminds of the original.
 */
@RenrakuIntegrationTest
class RemindersTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	NoticeManagement management;

	@Autowired
	NoticeReminders reminders;

	@Autowired
	ConfirmationManagement confirmation;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	List<String> addresses;

	@BeforeEach
	void threeRegistrants() {
		sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@docomo.ne.jp"));
		sender = sending.sender();
		addresses = sending.addresses();
	}

	@Test
	void aReminderGoesToThoseWhoHaveNotAnsweredAndItsLinkAnswersTheNotice() throws Exception {
		long id = notices.safetyDraft(sending).send();
		assertThat(confirm.answer(confirm.link(addresses.get(0)), "q1", "無事")).hasStatusOk();
		catcher.clear();

		var reminded = post(mvc, sender, "/notices/" + id + "/remind");
		long reminder = NoticeFixtures.idOf(reminded);
		assertThat(reminder).isNotEqualTo(id);
		assertThat(mvc.get().uri(reminded.getResponse().getRedirectedUrl()).with(sender.signedIn()).exchange())
			.bodyText()
			.contains("【再送】地震の安否確認")
			.contains("2人");
		notices.send(sender, reminder);

		assertThat(registration.mailsTo(addresses.get(0))).isZero();
		String link = confirm.link(addresses.get(1));
		assertThat(registration.mailTo(addresses.get(1)).subject()).contains("【再送】");
		assertThat(mvc.get().uri(link).exchange()).bodyText().contains("地震の安否確認").contains("あなたの状況");
		assertThat(confirm.answer(link, "q1", "無事")).hasStatusOk();

		// recorded on the original notice
		assertThat(confirmation.results(NoticeId.of(id), sender.staff().requireBody()).answered()).isEqualTo(2);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("【再送】地震の安否確認");
		// a reminder of the reminder reminds of the first notice: one person left
		var again = post(mvc, sender, "/notices/" + reminder + "/remind");
		String second = again.getResponse().getRedirectedUrl();
		assertThat(mvc.get().uri(second).with(sender.signedIn()).exchange()).bodyText().contains("1人");
	}

	@Test
	void automaticRemindersGoWhenDueAtMostTheGivenTimes() {
		long id = notices.safetyDraft(sending).fields("autoRemindTimes", "2", "autoRemindMinutes", "30").send();
		catcher.clear();
		assertThat(reminders.remindDue()).isZero();
		// 31 minutes later
		jdbc.sql("UPDATE notice SET released_at = released_at - INTERVAL '31' MINUTE WHERE id = :id")
			.param("id", id)
			.update();
		assertThat(reminders.remindDue()).isEqualTo(1);
		assertThat(reminders.remindDue()).isZero();
		engine.sendDueNow();
		assertThat(registration.mailsTo(addresses.get(0))).isEqualTo(1);
		// everyone answers: the second reminder has nobody to go to
		for (String address : addresses) {
			assertThat(confirm.answer(confirm.link(address), "q1", "無事")).hasStatusOk();
		}
		jdbc.sql("UPDATE notice SET released_at = released_at - INTERVAL '31' MINUTE WHERE id = :id")
			.param("id", id)
			.update();
		assertThat(reminders.remindDue()).isZero();
		assertThat(management.reminders(sender.staff(), id)).hasSize(1);
		assertThat(jdbc.sql("SELECT reminders_sent FROM notice WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

}
