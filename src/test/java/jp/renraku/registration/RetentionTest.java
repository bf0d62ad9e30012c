package jp.renraku.registration;

import java.time.LocalDate;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@RenrakuIntegrationTest
class RetentionTest {

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	RetentionSweeper sweeper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	private void endedDaysAgo(RegistrationList list, int days) {
		jdbc.sql("UPDATE registration_list SET period_start = :s, period_end = :e WHERE id = :id")
			.param("s", LocalDate.now().minusDays(days + 100))
			.param("e", LocalDate.now().minusDays(days))
			.param("id", list.id())
			.update();
	}

	private long registrants(RegistrationList list) {
		return jdbc.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :l")
			.param("l", list.id())
			.query(Long.class)
			.single();
	}

	@Test
	void personalInformationIsErasedOnlyAfterTheRetentionDaysAndTheErasureIsRecorded() {
		TestStaff manager = staff.manager(staff.body());
		RegistrationList expired = fixtures.list(manager);
		RegistrationList recent = fixtures.list(manager);
		RegistrationList running = fixtures.list(manager);
		for (RegistrationList list : new RegistrationList[] { expired, recent, running }) {
			for (int i = 0; i < 3; i++) {
				fixtures.registrant(list, StaffFixtures.unique("ret") + "@example.jp", "保存 " + i, "1年1組");
			}
		}
		endedDaysAgo(expired, 31);
		endedDaysAgo(recent, 10);

		assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

		assertThat(registrants(expired)).isZero();
		assertThat(registrants(recent)).isEqualTo(3);
		assertThat(registrants(running)).isEqualTo(3);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE list_id = :l AND end_reason = 'RETENTION'")
			.param("l", expired.id())
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'REGISTRANTS_ERASED' AND target = :t")
			.param("t", "list:" + expired.id())
			.query(String.class)
			.single()).startsWith("count:3 rule:period-end");
		assertThat(jdbc.sql("SELECT erased_at FROM registration_list WHERE id = :id")
			.param("id", expired.id())
			.query()
			.singleValue()).isNotNull();

		// a second sweep erases nothing twice
		sweeper.sweep();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'REGISTRANTS_ERASED' AND target = :t")
			.param("t", "list:" + expired.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		// and the erased list takes no registrations
		assertThat(mvc.get().uri("/r/" + expired.publicToken()).exchange()).bodyText().contains("登録を受け付けていません");
	}

}
