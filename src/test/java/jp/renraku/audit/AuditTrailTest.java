package jp.renraku.audit;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@RenrakuIntegrationTest
class AuditTrailTest {

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StaffFixtures fixtures;

	@Autowired
	MockMvcTester mvc;

	private long appendOne(String detail) {
		trail.record(AuditAction.BODY_UPDATED, null, "test", detail);
		return jdbc.sql("SELECT MAX(seq) FROM audit_entry").query(Long.class).single();
	}

	@Test
	void chainOfUntouchedEntriesVerifies() {
		appendOne("one");
		appendOne("two");
		AuditVerification result = trail.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void alteredEntryIsDetectedAtItsSequenceNumber() {
		long seq = appendOne("original detail");
		appendOne("after");
		jdbc.sql("UPDATE audit_entry SET detail = 'forged detail' WHERE seq = :seq").param("seq", seq).update();
		try {
			assertThat(trail.verify().firstBrokenSeq()).isEqualTo(seq);
		}
		finally {
			jdbc.sql("UPDATE audit_entry SET detail = 'original detail' WHERE seq = :seq").param("seq", seq).update();
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void deletedEntryIsDetected() {
		long seq = appendOne("to be deleted");
		appendOne("after the deleted one");
		var row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = :seq").param("seq", seq).query().singleRow();
		jdbc.sql("DELETE FROM audit_entry WHERE seq = :seq").param("seq", seq).update();
		try {
			assertThat(trail.verify().firstBrokenSeq()).isEqualTo(seq);
		}
		finally {
			jdbc.sql(
					"""
							INSERT INTO audit_entry (seq, occurred_at, actor_account_id, actor_login_id, body_id, action, target,
							                         detail, client_address, prev_hash, entry_hash)
							VALUES (:seq, :occurred_at, :actor_account_id, :actor_login_id, :body_id, :action, :target,
							        :detail, :client_address, :prev_hash, :entry_hash)
							""")
				.paramSource(row)
				.update();
		}
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void removedLastEntryIsDetectedThroughTheHead() {
		long seq = appendOne("last one");
		var row = jdbc.sql("SELECT * FROM audit_entry WHERE seq = :seq").param("seq", seq).query().singleRow();
		jdbc.sql("DELETE FROM audit_entry WHERE seq = :seq").param("seq", seq).update();
		try {
			assertThat(trail.verify().intact()).isFalse();
		}
		finally {
			jdbc.sql(
					"""
							INSERT INTO audit_entry (seq, occurred_at, actor_account_id, actor_login_id, body_id, action, target,
							                         detail, client_address, prev_hash, entry_hash)
							VALUES (:seq, :occurred_at, :actor_account_id, :actor_login_id, :body_id, :action, :target,
							        :detail, :client_address, :prev_hash, :entry_hash)
							""")
				.paramSource(row)
				.update();
		}
	}

	@Test
	void operationsManagerSeesOnlyTheirOwnBodysEntries() {
		long bodyA = fixtures.body();
		long bodyB = fixtures.body();
		TestStaff managerA = fixtures.manager(bodyA);
		trail.record(AuditAction.BODY_UPDATED, bodyA, "body:" + bodyA, "visible-to-A");
		trail.record(AuditAction.BODY_UPDATED, bodyB, "body:" + bodyB, "secret-of-B");

		var page = mvc.get().uri("/audit?bodyId=" + bodyB).with(managerA.signedIn()).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText().contains("visible-to-A").doesNotContain("secret-of-B");
		String nameA = jdbc.sql("SELECT name FROM body WHERE id = :id").param("id", bodyA).query(String.class).single();
		String nameB = jdbc.sql("SELECT name FROM body WHERE id = :id").param("id", bodyB).query(String.class).single();
		assertThat(page).bodyText().contains(nameA).doesNotContain(nameB);
	}

	@Test
	void searchFiltersByActorAndAction() {
		TestStaff admin = fixtures.systemAdmin();
		String marker = StaffFixtures.unique("marker");
		trail.recordFor(null, "someone-else", AuditAction.SIGN_IN_FAILED, null, null, marker);
		var byAction = mvc.get()
			.uri("/audit?action=SIGN_IN_FAILED&actor=someone-else")
			.with(admin.signedIn())
			.exchange();
		assertThat(byAction).bodyText().contains(marker);
		var otherAction = mvc.get()
			.uri("/audit?action=BODY_CREATED&actor=someone-else")
			.with(admin.signedIn())
			.exchange();
		assertThat(otherAction).bodyText().doesNotContain(marker);
	}

	@Test
	void systemAdministratorVerifiesFromThePageAndSendersCannot() {
		TestStaff admin = fixtures.systemAdmin();
		var result = mvc.post().uri("/audit/verify").with(admin.signedIn()).with(csrf()).exchange();
		assertThat(result).hasStatus3xxRedirection().flash().containsKey("verification");

		TestStaff manager = fixtures.manager(fixtures.body());
		assertThat(mvc.post().uri("/audit/verify").with(manager.signedIn()).with(csrf()).exchange()).hasStatus(403);
		TestStaff sender = fixtures.sender(manager);
		assertThat(mvc.get().uri("/audit").with(sender.signedIn()).exchange()).hasStatus(403);
	}

	@Test
	void searchFiltersByDateInTheCityTimeZone() {
		TestStaff admin = fixtures.systemAdmin();
		String marker = StaffFixtures.unique("dated");
		trail.recordFor(null, "date-test", AuditAction.SIGN_IN_FAILED, null, null, marker);
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		assertThat(mvc.get().uri("/audit?from=" + today + "&to=" + today).with(admin.signedIn()).exchange()).bodyText()
			.contains(marker);
		assertThat(mvc.get().uri("/audit?to=" + today.minusDays(1)).with(admin.signedIn()).exchange()).bodyText()
			.doesNotContain(marker);
		assertThat(mvc.get().uri("/audit?from=" + today.plusDays(1)).with(admin.signedIn()).exchange()).bodyText()
			.doesNotContain(marker);
	}

}
