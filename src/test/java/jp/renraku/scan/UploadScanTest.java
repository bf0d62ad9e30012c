package jp.renraku.scan;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.account.StaffFixtures;
import jp.renraku.attachment.TestFiles;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Issue 20 against a real clamd ({@link ClamdServer}): EICAR in a CSV import and in a
 * usage application's PDF and in a notice's attachment is refused, kept in quarantine,
 * audited and reported as a MALWARE incident, and nothing of the upload is stored; clean
 * files are accepted; another body's staff do not find a quarantined file; with clamd
 * stopped an upload is refused (last, as it stops the shared clamd).
 */
@RenrakuIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadScanTest {

	private static final String HEADER = "メールアドレス,氏名,ふりがな,学年・組,分類:気象警報,分類:避難情報,分類:防犯,連絡してほしい時間帯\r\n";

	private static ClamdServer clamd;

	@DynamicPropertySource
	static void scanner(DynamicPropertyRegistry registry) {
		registry.add("renraku.scan.host", () -> "127.0.0.1");
		registry.add("renraku.scan.port", () -> server().port());
		registry.add("renraku.scan.timeout", () -> "3s");
	}

	private static synchronized ClamdServer server() {
		if (clamd == null) {
			try {
				clamd = ClamdServer.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return clamd;
	}

	@AfterAll
	static void stopClamd() throws InterruptedException {
		if (clamd != null) {
			clamd.stop();
		}
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	NoticeFixtures notices;

	private String text(String key) {
		return messages.getMessage(key, null, Locale.JAPANESE);
	}

	private MvcTestResult importCsv(TestStaff who, RegistrationList list, String name, byte[] file) {
		return mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", name, "text/csv", file))
			.param("encoding", "auto")
			.with(who.signedIn())
			.with(csrf())
			.exchange();
	}

	private MvcTestResult apply(TestStaff who, byte[] pdf) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		return mvc.post()
			.uri("/applications/new")
			.multipart()
			.file(new MockMultipartFile("pdf", "rules.pdf", "application/pdf", pdf))
			.param("purpose", "保護者への緊急連絡のため")
			.param("plannedLists", "配信リスト名: 保護者連絡\n(1) 利用目的: 緊急連絡")
			.param("periodStart", today.toString())
			.param("periodEnd", today.plusMonths(6).toString())
			.param("expectedRegistrants", "800")
			.param("managerName", "教育 花子")
			.param("managerContact", "教育総務課 内線2345")
			.param("handlingRules", "")
			.with(who.signedIn())
			.with(csrf())
			.exchange();
	}

	private long count(String sql, Object param) {
		return jdbc.sql(sql).param("p", param).query(Long.class).single();
	}

	private long csvUploads(RegistrationList list) {
		return count("SELECT COUNT(*) FROM csv_upload WHERE list_id = :p", list.id());
	}

	private long quarantined(long bodyId) {
		return count("SELECT COUNT(*) FROM quarantined_file WHERE body_id = :p", bodyId);
	}

	private long lastQuarantined(long bodyId) {
		return count("SELECT MAX(id) FROM quarantined_file WHERE body_id = :p", bodyId);
	}

	/**
	 * The quarantine row, its audit entry and its MALWARE incident for the uploader's
	 * body.
	 */
	private void assertQuarantined(TestStaff uploader, long bodyId, String fileName, byte[] bytes) {
		long id = lastQuarantined(bodyId);
		var row = jdbc.sql("SELECT account_id, file_name, signature, bytes FROM quarantined_file WHERE id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row.get("account_id")).isEqualTo(uploader.id());
		assertThat(row.get("file_name")).isEqualTo(fileName);
		assertThat((String) row.get("signature")).startsWith("Renraku-Test.EICAR");
		assertThat((byte[]) row.get("bytes")).isEqualTo(bytes);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'FILE_QUARANTINED' AND target = :p",
				"quarantine:" + id))
			.isOne();
		assertThat(count("""
				SELECT COUNT(*) FROM incident i JOIN incident_body b ON b.incident_id = i.id
				WHERE i.kind = 'MALWARE' AND b.body_id = :p AND i.description LIKE '%/quarantine/%'
				""", bodyId)).isOne();
	}

	@Test
	@Order(1)
	void eicarInACsvImportIsRefusedQuarantinedAuditedAndAnIncident() {
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		RegistrationList list = fixtures.list(manager);
		byte[] eicar = ClamdServer.EICAR.getBytes(StandardCharsets.US_ASCII);

		MvcTestResult refused = importCsv(manager, list, "meibo.csv", eicar);

		assertThat(refused).hasStatusOk().bodyText().contains(text("scan.error.infected"));
		assertThat(csvUploads(list)).isZero();
		assertThat(quarantined(body)).isOne();
		assertQuarantined(manager, body, "meibo.csv", eicar);
	}

	@Test
	@Order(2)
	void eicarInAnApplicationPdfIsRefusedQuarantinedAuditedAndAnIncident() {
		long body = staff.bodyWithoutPermit();
		TestStaff manager = staff.manager(body);
		byte[] pdf = ("%PDF-1.4\n" + ClamdServer.EICAR + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

		MvcTestResult refused = apply(manager, pdf);

		assertThat(refused).hasStatusOk().bodyText().contains(text("scan.error.infected"));
		assertThat(count("SELECT COUNT(*) FROM usage_application WHERE body_id = :p", body)).isZero();
		assertQuarantined(manager, body, "rules.pdf", pdf);
	}

	@Test
	@Order(3)
	void cleanFilesAreAcceptedAndTheFormsSayTheyAreScanned() {
		long body = staff.bodyWithoutPermit();
		TestStaff manager = staff.manager(body);
		assertThat(apply(manager, "%PDF-1.4\n%clean\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
			.hasStatus3xxRedirection();
		assertThat(count("SELECT COUNT(*) FROM usage_application WHERE body_id = :p", body)).isOne();

		long permitted = staff.body();
		TestStaff operator = staff.manager(permitted);
		RegistrationList list = fixtures.list(operator);
		byte[] csv = (HEADER + StaffFixtures.unique("clean") + "@example.jp,取込 太郎,とりこみ,1年1組,1,,,夜\r\n")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(importCsv(operator, list, "list.csv", csv)).hasStatusOk();
		assertThat(csvUploads(list)).isOne();
		assertThat(quarantined(body) + quarantined(permitted)).isZero();
		assertThat(mvc.get().uri("/lists/" + list.id() + "/import").with(operator.signedIn())).bodyText()
			.contains(text("scan.on"));
	}

	@Test
	@Order(4)
	void anotherBodysStaffDoNotFindAQuarantinedFile() {
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		importCsv(manager, fixtures.list(manager), "x.csv", ClamdServer.EICAR.getBytes(StandardCharsets.US_ASCII));
		long id = lastQuarantined(body);
		TestStaff stranger = staff.manager(staff.body());

		assertThat(mvc.get().uri("/quarantine/" + id).with(stranger.signedIn())).hasStatus(404);
		assertThat(mvc.get().uri("/quarantine/" + id + "/file").with(stranger.signedIn())).hasStatus4xxClientError();
		assertThat(mvc.get().uri("/quarantine").with(stranger.signedIn())).hasStatus4xxClientError();
		assertThat(mvc.get().uri("/quarantine/" + id).with(manager.signedIn())).hasStatusOk();
		assertThat(mvc.get().uri("/quarantine/" + id + "/file").with(manager.signedIn())).hasStatus4xxClientError();
		TestStaff admin = staff.systemAdmin();
		assertThat(mvc.get().uri("/quarantine").with(admin.signedIn())).hasStatusOk().bodyText().contains("x.csv");
		assertThat(mvc.get().uri("/quarantine/" + id + "/file").with(admin.signedIn())).hasStatusOk()
			.body()
			.isEqualTo(ClamdServer.EICAR.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	@Order(5)
	void eicarInANoticesAttachmentIsRefusedQuarantinedAuditedAndAnIncidentAndACleanPdfIsAttached() {
		Sending sending = notices.sending(NoticeFixtures.residents("scan@example.jp"));
		long body = sending.list().bodyId();
		long before = quarantined(body);
		long id = notices.draft(sending).save();
		byte[] eicar = ("%PDF-1.4\n" + ClamdServer.EICAR + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

		assertThat(attach(sending.sender(), id, "案内.pdf", eicar)).flash()
			.containsEntry("attachmentError", "scan.error.infected");
		assertThat(attachments(id)).isZero();
		assertThat(quarantined(body)).isEqualTo(before + 1);
		assertQuarantined(sending.sender(), body, "案内.pdf", eicar);

		byte[] clean = TestFiles.pdf();
		assertThat(attach(sending.sender(), id, "案内.pdf", clean)).flash()
			.containsEntry("flashMessage", "attachment.added");
		assertThat(attachments(id)).isOne();

		// the clean PDF goes out as a link that opens its exact bytes
		notices.send(sending.sender(), id);
		Matcher link = Pattern.compile("https?://[^\\s/]+(/f/\\S+)")
			.matcher(fixtures.mailTo(sending.addresses().get(0)).body());
		assertThat(link.find()).isTrue();
		assertThat(mvc.get().uri(link.group(1)).exchange()).hasStatusOk().body().isEqualTo(clean);
	}

	private MvcTestResult attach(TestStaff who, long noticeId, String name, byte[] file) {
		return mvc.post()
			.uri("/notices/" + noticeId + "/attachments")
			.multipart()
			.file(new MockMultipartFile("file", name, "application/pdf", file))
			.with(who.signedIn())
			.with(csrf())
			.exchange();
	}

	private long attachments(long noticeId) {
		return count("SELECT COUNT(*) FROM notice_attachment WHERE notice_id = :p", noticeId);
	}

	@Test
	@Order(99)
	void withClamdStoppedAnUploadIsRefusedAndNothingIsStored() throws InterruptedException {
		server().stop();
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		RegistrationList list = fixtures.list(manager);
		byte[] csv = (HEADER + StaffFixtures.unique("down") + "@example.jp,取込 太郎,とりこみ,1年1組,1,,,夜\r\n")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(importCsv(manager, list, "list.csv", csv)).hasStatusOk()
			.bodyText()
			.contains(text("scan.error.unavailable"));
		assertThat(csvUploads(list)).isZero();
		assertThat(quarantined(body)).isZero();

		long other = staff.bodyWithoutPermit();
		assertThat(apply(staff.manager(other), "%PDF-1.4\n%clean\n".getBytes(StandardCharsets.US_ASCII))).hasStatusOk()
			.bodyText()
			.contains(text("scan.error.unavailable"));
		assertThat(count("SELECT COUNT(*) FROM usage_application WHERE body_id = :p", other)).isZero();

		Sending sending = notices.sending(NoticeFixtures.residents("down@example.jp"));
		long id = notices.draft(sending).save();
		assertThat(attach(sending.sender(), id, "案内.pdf", TestFiles.pdf())).flash()
			.containsEntry("attachmentError", "scan.error.unavailable");
		assertThat(attachments(id)).isZero();
	}

}
