package jp.renraku.registration;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 registrants go out and come back in through the streaming export and import.
 * Slow (tagged), still run by CI on both databases.
 */
@Tag("slow")
@RenrakuIntegrationTest
class CsvVolumeTest {

	static final int ROWS = 100_000;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	RegistrationManagement registration;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	ExportPermissions exports;

	@Test
	void hundredThousandRowsRoundTrip() throws Exception {
		TestStaff manager = staff.manager(staff.body());
		RegistrationList list = fixtures.list(manager);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String prefix = StaffFixtures.unique("vol");
		List<Object[]> batch = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			batch.add(new Object[] { list.id(), list.bodyId(), prefix + "." + i + "@example.jp", prefix + i, "大量 " + i,
					"たいりょう", "1年1組", "n" + i, now, now });
			if (batch.size() == 5_000) {
				insert(batch);
				batch.clear();
			}
		}
		insert(batch);

		Path file = Files.createTempFile("renraku-volume-", ".csv");
		long started = System.nanoTime();
		long exported;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			long request = exports.request(manager.staff(), list.id(), "容量試験", "全件");
			exports.approve(staff.systemAdmin().staff(), request, 1, 1, null);
			exported = exports.write(exports.startDownload(manager.staff(), request), out);
		}
		long exportMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(exported).isEqualTo(ROWS);
		assertThat(Files.lines(file).count()).isEqualTo(ROWS + 1);

		RegistrationList target = fixtures.list(manager);
		started = System.nanoTime();
		var preview = registration.previewImport(manager.staff(), target.id(), file, StandardCharsets.UTF_8);
		assertThat(preview.valid()).isEqualTo(ROWS);
		long imported = registration.importCsv(manager.staff(), target.id(), file, StandardCharsets.UTF_8);
		long importMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(imported).isEqualTo(ROWS);
		Files.delete(file);
		System.out.printf("CSV volume: export %d rows in %d ms, check and import in %d ms%n", ROWS, exportMillis,
				importMillis);
	}

	private void insert(List<Object[]> rows) {
		template.batchUpdate(
				"""
						INSERT INTO registrant (list_id, body_id, state, email, email_hash, name, furigana, affiliation, link_nonce,
						       created_at, updated_at)
						VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?)
						""",
				rows);
	}

}
