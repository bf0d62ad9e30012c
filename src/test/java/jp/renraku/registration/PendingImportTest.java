package jp.renraku.registration;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

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
 * Issue 18: the CSV import's upload waits for its confirmation in the database, the
 * session holding only its id, so that any node can confirm it; only the staff member who
 * uploaded it can.
 */
@RenrakuIntegrationTest
class PendingImportTest {

	private static final String HEADER = "メールアドレス,氏名,ふりがな,学年・組,分類:気象警報,分類:避難情報,分類:防犯,連絡してほしい時間帯\r\n";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CsvUploads uploads;

	@Autowired
	PendingImports pending;

	TestStaff manager;

	RegistrationList list;

	@BeforeEach
	void aList() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
	}

	private static byte[] csv(int rows) {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < rows; i++) {
			csv.append(StaffFixtures.unique("up")).append("@example.jp,取込 ").append(i).append("郎,とりこみ,1年1組,1,,,夜\r\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private MvcTestResult upload(BrowserSession session, TestStaff who, byte[] file) {
		return session.keep(mvc.post()
			.uri("/lists/" + list.id() + "/import")
			.multipart()
			.file(new MockMultipartFile("file", "list.csv", "text/csv", file))
			.param("encoding", "auto")
			.with(session)
			.with(who.signedIn())
			.with(csrf())
			.exchange());
	}

	private MvcTestResult post(BrowserSession session, TestStaff who, String action) {
		return session.keep(mvc.post()
			.uri("/lists/" + list.id() + "/import/" + action)
			.with(session)
			.with(who.signedIn())
			.with(csrf())
			.exchange());
	}

	private long uploadId() {
		return jdbc.sql("SELECT id FROM csv_upload WHERE list_id = :list")
			.param("list", list.id())
			.query(Long.class)
			.single();
	}

	private long uploadsOfList() {
		return jdbc.sql("SELECT COUNT(*) FROM csv_upload WHERE list_id = :list")
			.param("list", list.id())
			.query(Long.class)
			.single();
	}

	private long registrants() {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :list")
			.param("list", list.id())
			.query(Long.class)
			.single();
	}

	@Test
	void thePreviewWaitsInTheDatabaseAndTheSessionHoldsOnlyItsId() throws Exception {
		byte[] file = csv(2);
		BrowserSession session = new BrowserSession();
		assertThat(upload(session, manager, file)).hasStatusOk().bodyText().contains("2行を取り込む");

		var row = jdbc.sql("SELECT id, body_id, account_id, charset, size_bytes FROM csv_upload WHERE list_id = :list")
			.param("list", list.id())
			.query()
			.singleRow();
		assertThat(((Number) row.get("body_id")).longValue()).isEqualTo(manager.staff().requireBody());
		assertThat(((Number) row.get("account_id")).longValue()).isEqualTo(manager.id());
		assertThat(row.get("charset")).isEqualTo("UTF-8");
		assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(file.length);
		long id = ((Number) row.get("id")).longValue();
		// the bytes, read back by the upload's id alone, are the file
		ByteArrayOutputStream stored = new ByteArrayOutputStream();
		uploads.copy(id, stored);
		assertThat(stored.toByteArray()).isEqualTo(file);
		// the session's row holds the upload's id, nothing else of it
		byte[] attribute = jdbc.sql("""
				SELECT a.attribute_bytes FROM spring_session_attributes a
				JOIN spring_session s ON s.primary_id = a.session_primary_id
				WHERE s.session_id = :session AND a.attribute_name = :name
				""")
			.param("session", session.sessionId())
			.param("name", CsvController.UPLOAD)
			.query(byte[].class)
			.single();
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(attribute))) {
			assertThat(in.readObject()).isEqualTo(id);
		}
		assertThat(registrants()).isZero();

		// the confirmation finds the session by its cookie and the file by its id
		assertThat(post(session, manager, "confirm")).hasRedirectedUrl("/lists/" + list.id() + "/registrants")
			.flash()
			.containsEntry("importedRows", 2L);
		assertThat(registrants()).isEqualTo(2);
		assertThat(uploadsOfList()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM csv_upload_chunk WHERE upload_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		assertThat(post(session, manager, "confirm")).flash().containsEntry("flashError", "import.error.expired");
		assertThat(registrants()).isEqualTo(2);
	}

	@Test
	void anotherBodysStaffGet404AndNothingChanges() throws Exception {
		BrowserSession session = new BrowserSession();
		assertThat(upload(session, manager, csv(1))).hasStatusOk();
		long id = uploadId();

		// even with the session that holds the upload's id
		TestStaff stranger = staff.manager(staff.body());
		assertThat(post(session, stranger, "confirm")).hasStatus(404);
		assertThat(post(session, stranger, "cancel")).hasStatus(404);
		assertThat(pending.confirm(stranger.staff(), list.id(), id)).isEmpty();
		pending.cancel(stranger.staff(), id);
		assertThat(uploadsOfList()).isEqualTo(1);
		assertThat(registrants()).isZero();

		// a colleague in the same body did not upload it either
		TestStaff colleague = staff.manager(manager.staff().requireBody());
		assertThat(post(session, colleague, "confirm")).hasRedirectedUrl("/lists/" + list.id() + "/import")
			.flash()
			.containsEntry("flashError", "import.error.expired");
		assertThat(uploadsOfList()).isEqualTo(1);
		assertThat(registrants()).isZero();

		assertThat(post(session, manager, "confirm")).hasRedirectedUrl("/lists/" + list.id() + "/registrants");
		assertThat(registrants()).isEqualTo(1);
	}

	@Test
	void cancelDeletesTheUploadAndANewUploadReplacesTheOne() {
		BrowserSession session = new BrowserSession();
		assertThat(upload(session, manager, csv(1))).hasStatusOk();
		long first = uploadId();
		assertThat(upload(session, manager, csv(2))).hasStatusOk();
		assertThat(uploadId()).as("the newer upload alone").isNotEqualTo(first);

		assertThat(post(session, manager, "cancel")).hasRedirectedUrl("/lists/" + list.id())
			.flash()
			.containsEntry("flashMessage", "import.cancelled");
		assertThat(uploadsOfList()).isZero();
		assertThat(post(session, manager, "confirm")).flash().containsEntry("flashError", "import.error.expired");
		assertThat(registrants()).isZero();
	}

	@Test
	void uploadsLeftUnconfirmedArePurgedAfterTheirHours() {
		assertThat(upload(new BrowserSession(), manager, csv(1))).hasStatusOk();
		long old = uploadId();
		jdbc.sql("UPDATE csv_upload SET created_at = :then WHERE id = :id")
			.param("then", OffsetDateTime.now(ZoneOffset.UTC).minus(PendingImports.KEEP).minusMinutes(1))
			.param("id", old)
			.update();
		assertThat(upload(new BrowserSession(), manager, csv(1))).hasStatusOk();

		pending.purge();
		assertThat(jdbc.sql("SELECT id FROM csv_upload WHERE list_id = :list")
			.param("list", list.id())
			.query(Long.class)
			.list()).hasSize(1).doesNotContain(old);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM csv_upload_chunk WHERE upload_id = :id")
			.param("id", old)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aLargeFileIsStoredInChunksAndReadBackWhole() throws Exception {
		byte[] file = new byte[CsvUploads.CHUNK * 2 + CsvUploads.CHUNK / 2];
		new Random(18).nextBytes(file);
		long id = uploads.store(manager.staff(), list.id(), StandardCharsets.UTF_8, new ByteArrayInputStream(file),
				Instant.now());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM csv_upload_chunk WHERE upload_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
		ByteArrayOutputStream stored = new ByteArrayOutputStream();
		uploads.copy(id, stored);
		assertThat(stored.toByteArray()).isEqualTo(file);
		uploads.delete(id);
		assertThat(uploadsOfList()).isZero();
	}

}
