package jp.renraku.notice;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static jp.renraku.notice.NoticeFixtures.residents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Every rate of a notice's results counts the deliveries whose registrant still exists
 * and the confirmations and answers of those same deliveries: after residents who had
 * confirmed stop or are erased, no rate passes 100 %, and the page, the fragment the
 * progress script loads and the progress box agree (issue 16: 受信確認 4 of 2 sent, 200 %).
 */
@RenrakuIntegrationTest
class ResultRatesTest {

	private static final Pattern PERCENT = Pattern.compile("(\\d+)%");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	long noticeId;

	/**
	 * Five residents get a safety confirmation; four answer (two 無事, one 支援が必要, one
	 * 負傷している), one does not; then one who answered stops and another is erased by staff.
	 */
	@BeforeEach
	void fourAnswerThenTwoLeave() {
		sending = notices
			.sending(residents("a@example.jp", "b@example.jp", "c@example.jp", "d@example.jp", "e@example.jp"));
		List<String> to = sending.addresses();
		noticeId = notices.safetyDraft(sending).askConfirmation().send();
		assertThat(confirm.answer(confirm.link(to.get(0)), "q1", "無事")).hasStatusOk();
		assertThat(confirm.answer(confirm.link(to.get(1)), "q1", "支援が必要")).hasStatusOk();
		assertThat(confirm.answer(confirm.link(to.get(2)), "q1", "無事")).hasStatusOk();
		assertThat(confirm.answer(confirm.link(to.get(3)), "q1", "負傷している")).hasStatusOk();
		String manage = RegistrationFixtures.link(registration.mailTo(to.get(1)), "/m/");
		assertThat(mvc.post().uri(manage + "/stop").with(csrf()).exchange()).hasStatusOk();
		long erased = jdbc.sql("SELECT id FROM registrant WHERE email = :email")
			.param("email", to.get(3))
			.query(Long.class)
			.single();
		assertThat(post(mvc, sending.manager(), "/registrants/" + erased + "/delete", "reason", "登録者が対象でなくなったとき"))
			.flash()
			.containsEntry("flashMessage", "registrant.deleted");
		assertThat(confirm.receipts(noticeId)).as("the receipts of those who left stay").isEqualTo(4);
	}

	private String page(String uri) throws Exception {
		var result = mvc.get().uri(uri).with(sending.sender().signedIn()).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static void noRateAbove100(String html) {
		Matcher m = PERCENT.matcher(html);
		while (m.find()) {
			assertThat(Integer.parseInt(m.group(1))).as(m.group()).isLessThanOrEqualTo(100);
		}
	}

	@Test
	void theResultsCountOnlyThoseWhoStillExistAndNoRatePasses100() throws Exception {
		String results = page("/notices/" + noticeId + "/results");
		assertThat(results).contains("id=\"results-sent\">3<")
			.contains("id=\"results-confirmed\">2<")
			.contains("id=\"results-answered\">2<")
			.contains("id=\"results-pending\">1<");
		// the summary's shares: confirmed and answered 2 of 3, pending 1 of 3
		assertThat(results).contains(">66%<").contains(">33%<");
		noRateAbove100(results);
	}

	@Test
	void theNoticePageAndItsProgressBoxUseTheSamePopulation() throws Exception {
		String detail = page("/notices/" + noticeId);
		noRateAbove100(detail);
		assertThat(detail).contains("id=\"results-confirmed\">2<").contains("2人（送信済みの66%）");
		var progress = mvc.get()
			.uri("/notices/" + noticeId + "/progress")
			.with(sending.sender().signedIn())
			.accept("application/json")
			.exchange();
		assertThat(progress).hasStatusOk()
			.bodyJson()
			.extractingPath("$.confirmed")
			.asString()
			.isEqualTo("2人（送信済みの66%）");
	}

	@Test
	void aQuestionsTallyAndTheBreakdownsShareTheAnsweredOfThoseWhoRemain() throws Exception {
		String results = page("/notices/" + noticeId + "/results");
		// 無事: both who remain and answered; the list's line: 2 of 3 confirmed
		assertThat(results).containsPattern("無事</th>\\s*<td>2</td><td>100%</td>").contains("<td>2 (66%)</td>");
		noRateAbove100(results);
	}

}
