package jp.renraku.registration;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jp.renraku.BrowserSession;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * CSV export with the Art. 10 permission and import with a preview, in UTF-8 and
 * Windows-31J.
 */
@RenrakuIntegrationTest
class CsvTest {

	private static final Charset CP932 = Charset.forName("windows-31j");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	TestStaff admin;

	RegistrationList list;

	@BeforeEach
	void aList() {
		manager = staff.manager(staff.body());
		admin = staff.systemAdmin();
		list = fixtures.list(manager);
	}

	private MvcTestResult post(TestStaff who, String uri, String... params) {
		return jp.renraku.StaffRequests.post(mvc, who, uri, params);
	}

	/** A request of the manager's, made on the list's export page; returns its id. */
	private long requestExport() {
		MvcTestResult requested = post(manager, "/lists/" + list.id() + "/export-requests", "purpose", "年度替わりの名簿照合",
				"scope", "全登録者。事務室のPCに保存し照合後削除。");
		assertThat(requested).hasStatus3xxRedirection().flash().containsEntry("flashMessage", "export.requested");
		String location = requested.getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private long approvedExport(int downloads) {
		long id = requestExport();
		assertThat(post(admin, "/exports/" + id + "/approve", "maxDownloads", String.valueOf(downloads), "validHours",
				"24"))
			.flash()
			.containsEntry("flashMessage", "export.approved");
		return id;
	}

	private MvcTestResult download(TestStaff who, long request, String encoding) {
		return post(who, "/exports/" + request + "/download", "encoding", encoding);
	}

	private long audited(String action, long request) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = :a AND target = :t")
			.param("a", action)
			.param("t", "export:" + request)
			.query(Long.class)
			.single();
	}

	private long count(RegistrationList target) {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l")
			.param("l", target.id())
			.query(Long.class)
			.single();
	}

	@Test
	void exportNeedsARequestApprovedBySomeoneElseAndIsLimitedInDownloads() throws Exception {
		fixtures.registrant(list, StaffFixtures.unique("x") + "@example.jp", "髙橋 﨑子①", "1年1組");
		assertThat(mvc.get().uri("/lists/" + list.id() + "/export").with(manager.signedIn()).exchange()).bodyText()
			.contains("書き出しの許可を申請する")
			.contains("年度替わりの名簿照合");
		// purpose and scope are required, and nothing is stored without them
		assertThat(post(manager, "/lists/" + list.id() + "/export-requests", "purpose", "", "scope", "")).hasStatusOk()
			.bodyText()
			.contains("目的と範囲を入力してください。");
		long id = requestExport();
		assertThat(download(manager, id, "utf8")).flash().containsEntry("flashError", "export.error.notUsable");
		assertThat(post(manager, "/exports/" + id + "/approve", "maxDownloads", "2", "validHours", "24")).flash()
			.containsEntry("flashError", "export.error.ownRequest");

		// another operations manager of the body approves, and it is a task on their home
		// page
		TestStaff colleague = staff.manager(list.bodyId());
		assertThat(mvc.get().uri("/").with(colleague.signedIn()).exchange()).bodyText()
			.contains("さんから登録者の書き出しの申請があります");
		assertThat(post(colleague, "/exports/" + id + "/approve", "maxDownloads", "2", "validHours", "24")).flash()
			.containsEntry("flashMessage", "export.approved");
		assertThat(post(colleague, "/exports/" + id + "/reject", "note", "やはり却下")).flash()
			.containsEntry("flashError", "export.error.decided");
		assertThat(download(colleague, id, "utf8")).flash().containsEntry("flashError", "export.error.notRequester");

		for (int i = 1; i <= 2; i++) {
			MvcTestResult result = download(manager, id, "utf8");
			assertThat(result).hasStatusOk();
			byte[] bytes = result.getResponse().getContentAsByteArray();
			assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
			String csv = new String(bytes, StandardCharsets.UTF_8);
			assertThat(csv).contains("メールアドレス,氏名,ふりがな,学年・組,分類:気象警報").contains("髙橋 﨑子①");
			assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment");
		}
		// the third time is refused, and that is recorded too
		assertThat(download(manager, id, "utf8")).hasStatus3xxRedirection()
			.flash()
			.containsEntry("flashError", "export.error.notUsable");
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANTS_EXPORTED' AND target = :t")
			.param("t", "list:" + list.id())
			.query(String.class)
			.list()).containsExactly("rows:1 export:" + id + " download:1/2", "rows:1 export:" + id + " download:2/2");
		assertThat(audited("EXPORT_REQUESTED", id)).isEqualTo(1);
		assertThat(audited("EXPORT_APPROVED", id)).isEqualTo(1);
		assertThat(audited("EXPORT_REFUSED", id)).isEqualTo(3);
		assertThat(mvc.get().uri("/exports/" + id).with(manager.signedIn()).exchange()).bodyText().contains("2 / 2 回");
	}

	@Test
	void anExpiredOrRejectedPermissionDownloadsNothing() {
		fixtures.registrant(list, StaffFixtures.unique("e") + "@example.jp", "期限 切子", "1年1組");
		long expired = approvedExport(5);
		jdbc.sql("UPDATE export_request SET valid_until = :past WHERE id = :id")
			.param("past", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1))
			.param("id", expired)
			.update();
		assertThat(download(manager, expired, "utf8")).flash().containsEntry("flashError", "export.error.notUsable");

		long rejected = requestExport();
		assertThat(post(admin, "/exports/" + rejected + "/reject", "note", "")).flash()
			.containsEntry("flashError", "export.error.reasonRequired");
		assertThat(post(admin, "/exports/" + rejected + "/reject", "note", "目的に対して範囲が広すぎます")).flash()
			.containsEntry("flashMessage", "export.rejected");
		assertThat(download(manager, rejected, "utf8")).flash().containsEntry("flashError", "export.error.notUsable");
		assertThat(post(admin, "/exports/" + rejected + "/approve", "maxDownloads", "2", "validHours", "24")).flash()
			.containsEntry("flashError", "export.error.decided");
		long pending = requestExport();
		assertThat(post(admin, "/exports/" + pending + "/approve", "maxDownloads", "99", "validHours", "24")).flash()
			.containsEntry("flashError", "export.error.limits");
		assertThat(post(admin, "/exports/" + pending + "/approve", "maxDownloads", "2", "validHours", "0")).flash()
			.containsEntry("flashError", "export.error.limits");
		assertThat(jdbc.sql("SELECT state FROM export_request WHERE id = :id")
			.param("id", pending)
			.query(String.class)
			.single()).isEqualTo("PENDING");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTRANTS_EXPORTED' AND target = :t")
			.param("t", "list:" + list.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void exportInShiftJisKeepsJapaneseIncludingCircledDigitsAndNeutralisesFormulas() throws Exception {
		fixtures.registrant(list, StaffFixtures.unique("sj") + "@example.jp", "=HYPERLINK(\"http://evil\")", "1年1組");
		fixtures.registrant(list, StaffFixtures.unique("sj") + "@example.jp", "髙﨑 ①郎", "1年2組");
		String csv = new String(download(manager, approvedExport(1), "cp932").getResponse().getContentAsByteArray(),
				CP932);
		assertThat(csv).contains("髙﨑 ①郎").contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
	}

	@Test
	void headerCellsFromTheListsOwnLabelsAreNeutralisedAndStillImport() throws Exception {
		jdbc.sql("UPDATE registration_list SET affiliation_label = '=HYPERLINK(\"http://evil\")' WHERE id = :id")
			.param("id", list.id())
			.update();
		jdbc.sql("UPDATE list_custom_field SET label = '@SUM(A1)' WHERE list_id = :id").param("id", list.id()).update();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM list_custom_field WHERE list_id = :id")
			.param("id", list.id())
			.query(Long.class)
			.single()).as("the fixture list has questions of its own").isPositive();
		fixtures.registrant(list, StaffFixtures.unique("hd") + "@example.jp", "見出し 太郎", "1年1組");
		byte[] exported = download(manager, approvedExport(1), "utf8").getResponse().getContentAsByteArray();
		String header = new String(exported, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		assertThat(header).contains("'=HYPERLINK").contains("'@SUM(A1)").doesNotContain(",=HYPERLINK", ",@SUM");

		// the same file comes back in: the header is read as the labels it neutralised
		BrowserSession session = new BrowserSession();
		assertThat(mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "x.csv", "text/csv", exported))
			.param("encoding", "utf8")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).bodyText().doesNotContain("必要な列がありません");
	}

	@Test
	void importPreviewsEveryBadRowAndImportsNothingUntilConfirmed() throws Exception {
		String existing = StaffFixtures.unique("old") + "@example.jp";
		fixtures.registrant(list, existing, "既存 太郎", "1年1組");
		String docomo = StaffFixtures.unique("taro") + "..yamada.@docomo.ne.jp";
		String csv = "メールアドレス,氏名,ふりがな,学年・組,分類:気象警報,分類:避難情報,分類:防犯,連絡してほしい時間帯\r\n" + docomo
				+ ",髙橋 﨑子①,たかはし,1年1組,1,,1,夜\r\n" + "not-an-address,山田,やまだ,1年1組,,,,\r\n" + existing
				+ ",既存,きそん,1年1組,,,,\r\n" + docomo + ",重複,ちょうふく,1年1組,,,,\r\n" + "ok@example.jp,,なし,9年9組,,,,朝\r\n"
				+ "'=cmd@example.jp,式 太郎,しき,1年2組,,1,,\r\n";
		BrowserSession session = new BrowserSession();
		var preview = session.keep(mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "old.csv", "text/csv", csv.getBytes(CP932)))
			.param("encoding", "auto")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange());
		assertThat(preview).hasStatusOk()
			.bodyText()
			.contains("windows-31j")
			.contains("メールアドレスの形式が正しくありません")
			.contains("このリストにすでに登録されています")
			.contains("ファイルの中で重複しています")
			.contains("入力してください。")
			.contains("選択肢から選んでください。")
			.contains("2行を取り込む");
		assertThat(count(list)).isEqualTo(1);

		assertThat(mvc.post()
			.uri("/lists/" + list.id() + "/import/confirm")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).hasRedirectedUrl("/lists/" + list.id() + "/registrants");
		assertThat(count(list)).isEqualTo(3);
		var row = jdbc.sql("SELECT * FROM registrant WHERE email = :e").param("e", docomo).query().singleRow();
		assertThat(row).containsEntry("name", "髙橋 﨑子①").containsEntry("state", "ACTIVE");
		long id = ((Number) row.get("id")).longValue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM registrant_category WHERE registrant_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM registrant WHERE email = '=cmd@example.jp'").query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANTS_IMPORTED' AND target = :t")
			.param("t", "list:" + list.id())
			.query(String.class)
			.single()).isEqualTo("rows:2");
		// the uploaded file is gone with the confirmation
		assertThat(mvc.post()
			.uri("/lists/" + list.id() + "/import/confirm")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).flash().containsEntry("flashError", "import.error.expired");
	}

	@Test
	void exportedFileImportsIntoAnotherListUnchanged() throws Exception {
		for (int i = 0; i < 25; i++) {
			fixtures.registrant(list, StaffFixtures.unique("rt" + i) + "@example.jp", "往復 " + i + "郎①", "1年2組");
		}
		byte[] exported = download(manager, approvedExport(1), "cp932").getResponse().getContentAsByteArray();
		RegistrationList other = fixtures.list(manager);
		// the other list has the same columns (categories and questions come from the
		// same rules)
		BrowserSession session = new BrowserSession();
		String header = new String(exported, CP932).lines().findFirst().orElseThrow();
		assertThat(header).startsWith("メールアドレス");
		session.keep(mvc.post()
			.uri("/lists/" + other.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "x.csv", "text/csv", exported))
			.param("encoding", "cp932")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange());
		mvc.post()
			.uri("/lists/" + other.id() + "/import/confirm")
			.with(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange();
		assertThat(count(other)).isEqualTo(25);
		assertThat(jdbc.sql("SELECT name FROM registrant WHERE list_id = :l ORDER BY name")
			.param("l", other.id())
			.query(String.class)
			.list()).contains("往復 0郎①", "往復 24郎①");
	}

	@Test
	void anotherBodysManagerCannotExportOrImport() {
		TestStaff stranger = staff.manager(staff.body());
		long id = requestExport();
		assertThat(mvc.get().uri("/exports/" + id).with(stranger.signedIn()).exchange()).hasStatus(404);
		assertThat(post(stranger, "/exports/" + id + "/approve", "maxDownloads", "2", "validHours", "24"))
			.hasStatus(404);
		assertThat(download(stranger, id, "utf8")).hasStatus(404);
		assertThat(post(stranger, "/exports/" + id + "/reject", "note", "他機関から却下")).hasStatus(404);
		assertThat(post(stranger, "/lists/" + list.id() + "/export-requests", "purpose", "x", "scope", "y"))
			.hasStatus(404);
		assertThat(mvc.get().uri("/exports").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain("年度替わりの名簿照合");
		assertThat(jdbc.sql("SELECT state FROM export_request WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("PENDING");
		assertThat(mvc.get().uri("/lists/" + list.id() + "/import").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "x.csv", "text/csv",
					"メールアドレス\r\na@example.jp\r\n".getBytes(StandardCharsets.UTF_8)))
			.with(stranger.signedIn())
			.with(csrf())
			.exchange()).hasStatus(404);
		assertThat(count(list)).isZero();
	}

}
