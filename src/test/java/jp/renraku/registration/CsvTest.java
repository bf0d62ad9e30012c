package jp.renraku.registration;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
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

	private void permitExport() {
		assertThat(mvc.post()
			.uri("/staff/" + manager.id() + "/export-permission")
			.with(admin.signedIn())
			.with(csrf())
			.param("grant", "true")
			.exchange()).hasRedirectedUrl("/staff/" + manager.id());
	}

	private MvcTestResult export(String encoding) {
		return mvc.post()
			.uri("/lists/" + list.id() + "/export")
			.with(manager.signedIn())
			.with(csrf())
			.param("encoding", encoding)
			.exchange();
	}

	private long count(RegistrationList target) {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l")
			.param("l", target.id())
			.query(Long.class)
			.single();
	}

	@Test
	void exportNeedsThePermissionAndIsAuditedWithItsRowCount() throws Exception {
		fixtures.registrant(list, StaffFixtures.unique("x") + "@example.jp", "髙橋 﨑子①", "1年1組");
		assertThat(mvc.get().uri("/lists/" + list.id() + "/export").with(manager.signedIn()).exchange()).bodyText()
			.contains("書き出しの許可がありません");
		assertThat(export("utf8")).hasStatus(403);

		permitExport();
		MvcTestResult result = export("utf8");
		assertThat(result).hasStatusOk();
		byte[] bytes = result.getResponse().getContentAsByteArray();
		assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
		String csv = new String(bytes, StandardCharsets.UTF_8);
		assertThat(csv).contains("メールアドレス,氏名,ふりがな,学年・組,分類:気象警報").contains("髙橋 﨑子①");
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment");
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANTS_EXPORTED' AND target = :t")
			.param("t", "list:" + list.id())
			.query(String.class)
			.single()).isEqualTo("rows:1");

		// the permission can be withdrawn again, and then export stops at once
		mvc.post()
			.uri("/staff/" + manager.id() + "/export-permission")
			.with(admin.signedIn())
			.with(csrf())
			.param("grant", "false")
			.exchange();
		assertThat(export("utf8")).hasStatus(403);
	}

	@Test
	void exportInShiftJisKeepsJapaneseIncludingCircledDigitsAndNeutralisesFormulas() throws Exception {
		fixtures.registrant(list, StaffFixtures.unique("sj") + "@example.jp", "=HYPERLINK(\"http://evil\")", "1年1組");
		fixtures.registrant(list, StaffFixtures.unique("sj") + "@example.jp", "髙﨑 ①郎", "1年2組");
		permitExport();
		String csv = new String(export("cp932").getResponse().getContentAsByteArray(), CP932);
		assertThat(csv).contains("髙﨑 ①郎").contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
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
		MockHttpSession session = new MockHttpSession();
		var preview = mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "old.csv", "text/csv", csv.getBytes(CP932)))
			.param("encoding", "auto")
			.session(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange();
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
			.session(session)
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
			.session(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).flash().containsEntry("flashError", "import.error.expired");
	}

	@Test
	void exportedFileImportsIntoAnotherListUnchanged() throws Exception {
		for (int i = 0; i < 25; i++) {
			fixtures.registrant(list, StaffFixtures.unique("rt" + i) + "@example.jp", "往復 " + i + "郎①", "1年2組");
		}
		permitExport();
		byte[] exported = export("cp932").getResponse().getContentAsByteArray();
		RegistrationList other = fixtures.list(manager);
		// the other list has the same columns (categories and questions come from the
		// same rules)
		MockHttpSession session = new MockHttpSession();
		String header = new String(exported, CP932).lines().findFirst().orElseThrow();
		assertThat(header).startsWith("メールアドレス");
		mvc.post()
			.uri("/lists/" + other.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "x.csv", "text/csv", exported))
			.param("encoding", "cp932")
			.session(session)
			.with(manager.signedIn())
			.with(csrf())
			.exchange();
		mvc.post()
			.uri("/lists/" + other.id() + "/import/confirm")
			.session(session)
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
		mvc.post()
			.uri("/staff/" + stranger.id() + "/export-permission")
			.with(admin.signedIn())
			.with(csrf())
			.param("grant", "true")
			.exchange();
		assertThat(mvc.post().uri("/lists/" + list.id() + "/export").with(stranger.signedIn()).with(csrf()).exchange())
			.hasStatus(404);
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
