package jp.renraku.notice;

import java.nio.charset.StandardCharsets;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static jp.renraku.notice.NoticeFixtures.resident;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results of a notice leave the system only as a registrant list does (Art. 10-4):
 * requested by an operations manager, approved by another, downloaded by the requester as
 * often as approved, audited. Staff of another body see nothing of them.
 */
@RenrakuIntegrationTest
class ResultsExportTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	TestStaff colleague;

	TestStaff sender;

	long noticeId;

	String address;

	@BeforeEach
	void answeredNotice() {
		Sending sending = notices.sending(resident("x@example.jp", "=HYPERLINK(\"http://evil\")", "2組"),
				resident("y@example.jp", "未回答 花子", "2組"));
		manager = sending.manager();
		colleague = staff.manager(manager.staff().requireBody());
		sender = sending.sender();
		address = sending.addresses().get(0);
		noticeId = notices.draft(sending)
			.subject("出欠の確認")
			.text("{{受信確認リンク}}")
			.fields("questions[0].label", "出欠", "questions[0].kind", "SINGLE_CHOICE", "questions[0].options", "出席\n欠席",
					"questions[0].maxLength", "200")
			.send();
		assertThat(confirm.answer(confirm.link(address), "q1", "欠席")).hasStatusOk();
	}

	private long request() {
		assertThat(mvc.get().uri("/notices/" + noticeId + "/results-export").with(manager.signedIn()).exchange())
			.bodyText()
			.contains("安否未確認者への電話連絡")
			.contains("範囲と持ち出し先");
		var requested = post(mvc, manager, "/notices/" + noticeId + "/results-export", "purpose", "欠席者への連絡", "scope",
				"担任のみ");
		assertThat(requested.getResponse().getRedirectedUrl()).startsWith("/exports/");
		return NoticeFixtures.idOf(requested);
	}

	@Test
	void approvedResultsAreDownloadedAsOftenAsApprovedNeutralisedAndAudited() throws Exception {
		long request = request();
		String csv = "/notices/" + noticeId + "/results.csv?request=" + request;
		// not approved yet: refused, nothing written
		assertThat(post(mvc, manager, csv)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "export.error.notUsable");
		assertThat(mvc.get().uri("/exports/" + request).with(colleague.signedIn()).exchange()).bodyText()
			.contains("出欠の確認");
		assertThat(post(mvc, colleague, "/exports/" + request + "/approve", "maxDownloads", "1", "validHours", "1"))
			.hasStatus3xxRedirection();
		// only the requester downloads
		assertThat(post(mvc, colleague, csv)).hasStatus3xxRedirection();

		var download = post(mvc, manager, csv);
		assertThat(download).hasStatusOk();
		String body = download.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).startsWith("\uFEFF氏名,メールアドレス,配信リスト,所属,受信確認日時,回答日時,問1 出欠")
			.contains(address)
			.contains("'=HYPERLINK")
			.contains("欠席")
			.contains("未回答 花子");
		assertThat(body.lines().count()).isEqualTo(3);
		assertThat(post(mvc, manager, csv)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "export.error.notUsable");
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'NOTICE_RESULTS_EXPORTED' AND target = :t")
			.param("t", "notice:" + noticeId)
			.query(String.class)
			.list()).singleElement().asString().contains("rows:2");
	}

	@Test
	void sendersDoNotRequestAndAListExportIsNotAResultsExport() {
		assertThat(mvc.get().uri("/notices/" + noticeId + "/results-export").with(sender.signedIn()).exchange())
			.hasStatus(403);
		long request = request();
		assertThat(post(mvc, manager, "/notices/" + noticeId + "/results-export", "purpose", "", "scope", "x"))
			.hasStatusOk()
			.bodyText()
			.contains("入力できない文字が含まれているか、長すぎます");
		// a permission for these results does not open another notice's
		assertThat(post(mvc, manager, "/notices/" + (noticeId + 100000) + "/results.csv?request=" + request))
			.hasStatus(404);
	}

	@Test
	void anotherBodySeesNothingOfTheResults() {
		long request = request();
		TestStaff stranger = staff.manager(staff.body());
		for (String page : new String[] { "", "/results", "/recipients?show=PENDING", "/recipients?show=RESPONDED",
				"/results-export" }) {
			assertThat(mvc.get().uri("/notices/" + noticeId + page).with(stranger.signedIn()).exchange()).as(page)
				.hasStatus(404);
		}
		assertThat(post(mvc, stranger, "/notices/" + noticeId + "/results.csv?request=" + request)).hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + noticeId + "/remind")).hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + noticeId + "/results-export", "purpose", "p", "scope", "s"))
			.hasStatus(404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice WHERE remind_of = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single()).isZero();
	}

}
