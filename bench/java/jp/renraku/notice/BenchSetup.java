package jp.renraku.notice;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jp.renraku.account.AccountManagement;
import jp.renraku.account.IssuedPassword;
import jp.renraku.account.NewAccount;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.organization.BodyKind;
import jp.renraku.organization.OrganizationManagement;
import jp.renraku.organization.PermitManagement;
import jp.renraku.organization.UsageApplication;
import jp.renraku.registration.RegistrationList;
import jp.renraku.registration.RegistrationManagement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every benchmark starts from: a body with a usage permit, its operations manager,
 * one list and N active registrants, made straight in SQL where pages would be too slow.
 */
final class BenchSetup {

	/** The body's operations manager and its list. */
	record Body(Staff manager, RegistrationList list) {
	}

	private BenchSetup() {
	}

	static Body bodyWithRegistrants(ConfigurableApplicationContext app, int n) {
		Staff root = new Staff(0, "bench", "bench", Role.SYSTEM_ADMIN, null);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long body = app.getBean(OrganizationManagement.class).create("bench-" + tag, BodyKind.OTHER);
		permit(app.getBean(PermitManagement.class), body);
		IssuedPassword issued = app.getBean(AccountManagement.class)
			.createOperationsManager(root, body, new NewAccount("bench." + tag, "bench", null));
		Staff manager = new Staff(issued.accountId(), issued.loginId(), "bench", Role.OPERATIONS_MANAGER, body);
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		// setup straight in SQL: the benchmark measures sending, not list administration
		jdbc.update("""
				INSERT INTO registration_list (body_id, name, public_token, short_code, registration_password,
				       password_changed_at, registration_open, purpose, period_start, url_management, eligibility,
				       verification, deletion_criteria, disclaimer, collect_name, collect_furigana, collect_address,
				       collect_affiliation, collect_phone, retention_days, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'BENCH', ?, TRUE, 'bench', ?, 'bench', 'bench', 'NONE', 'bench', 'bench', TRUE, FALSE,
				        FALSE, FALSE, FALSE, 30, ?, ?)
				""", body, "bench-" + tag, "bench-" + tag, shortCode(tag), now, now.toLocalDate().minusDays(1), now,
				now);
		RegistrationList list = app.getBean(RegistrationManagement.class)
			.lists(manager)
			.stream()
			.filter(l -> l.name().equals("bench-" + tag))
			.findFirst()
			.orElseThrow();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			rows.add(new Object[] { list.id(), body, "r" + i + "." + tag + "@example.jp", tag + i, "住民 " + i + "さん",
					"n" + i, now, now });
			if (rows.size() == 10_000 || i == n - 1) {
				jdbc.batchUpdate("""
						INSERT INTO registrant (list_id, body_id, state, email, email_hash, name, link_nonce, created_at,
						       updated_at)
						VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)
						""", rows);
				rows.clear();
			}
		}
		// a registry this large grew over months, and autovacuum has analysed it since
		jdbc.execute("ANALYZE registrant");
		return new Body(manager, list);
	}

	/** The list's short code, from the random tag (hex; 0 and 1 are not in its alphabet). */
	private static String shortCode(String tag) {
		return tag.toUpperCase(Locale.ROOT).replace('0', 'Y').replace('1', 'Z');
	}

	/** The usage permit (Art. 6) the body needs before it may send. */
	private static void permit(PermitManagement permits, long body) {
		Staff root = new Staff(0, "bench", "bench", Role.SYSTEM_ADMIN, null);
		LocalDate today = LocalDate.now();
		long application = permits.apply(root, body, new UsageApplication.Content("測定", "測定用リスト",
				today.minusDays(1), today.plusDays(1), 100000, "bench", "bench", "測定用", null, null));
		permits.submit(root, application);
		permits.approve(root, application, today.minusDays(1), today.plusDays(1), null);
	}

}
