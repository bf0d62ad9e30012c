package jp.renraku.notice;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a body requires approval, a notice waits for a second person of the body, an
 * operations manager who did not write it, who approves or returns it; an emergency goes
 * without, and says so.
 */
@RenrakuIntegrationTest
class ApprovalTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff manager;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		manager = sending.manager();
		sender = sending.sender();
	}

	@Test
	void whereTheBodyRequiresApprovalASecondPersonApprovesBeforeSending() {
		assertThat(notices.requireApproval(manager)).hasRedirectedUrl("/notices");
		long id = notices.draft(sending).subject("承認").save();
		assertThat(notices.release(sender, id)).flash().containsEntry("flashMessage", "notice.approvalRequested");
		assertThat(notices.state(id)).isEqualTo("PENDING_APPROVAL");
		assertThat(engine.sendDueNow()).isZero();

		// the writer cannot approve, nor can a sender
		assertThat(post(mvc, sender, "/notices/" + id + "/approve")).flash()
			.containsEntry("flashError", "notice.error.approverRole");
		// another body's manager finds nothing
		TestStaff stranger = staff.manager(staff.body());
		assertThat(post(mvc, stranger, "/notices/" + id + "/approve")).hasStatus(404);

		assertThat(post(mvc, manager, "/notices/" + id + "/approve")).flash()
			.containsEntry("flashMessage", "notice.approved");
		assertThat(notices.state(id)).isEqualTo("APPROVED");
		notices.release(sender, id);
		assertThat(notices.state(id)).isEqualTo("RELEASED");
		assertThat(engine.sendDueNow()).isEqualTo(3);
	}

	@Test
	void nobodyApprovesTheirOwnNoticeAndAReturnedNoticeIsADraftAgain() {
		notices.requireApproval(manager);
		long own = notices.draft(manager, sending.list()).subject("自分").save();
		notices.release(manager, own);
		assertThat(post(mvc, manager, "/notices/" + own + "/approve")).flash()
			.containsEntry("flashError", "notice.error.ownNotice");
		assertThat(notices.state(own)).isEqualTo("PENDING_APPROVAL");

		long id = notices.draft(sending).subject("差し戻し").release();
		post(mvc, manager, "/notices/" + id + "/return");
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

	@Test
	void anEmergencyGoesWithoutApprovalAndTheBypassIsRecordedAndShown() {
		notices.requireApproval(manager);
		long id = notices.draft(sending).subject("緊急 避難指示").emergency().save();
		assertThat(notices.release(sender, id)).flash().containsEntry("flashMessage", "notice.released");
		assertThat(jdbc.sql("SELECT approval_bypassed FROM notice WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'NOTICE_RELEASED_EMERGENCY' AND target = :t")
			.param("t", "notice:" + id)
			.query(String.class)
			.single()).contains("approval-bypassed");
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("承認なしで配信されました");
		assertThat(engine.sendDueNow()).isEqualTo(3);
	}

}
