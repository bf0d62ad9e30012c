package jp.renraku.notice;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A sender writes a notice, sees the exact count, releases it, and every registrant gets
 * one message of their own over real SMTP (the mail catcher), with their name and
 * personal link.
 */
@RenrakuIntegrationTest
class NoticeDeliveryTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	TestStaff sender;

	RegistrationList list;

	List<String> addresses;

	@BeforeEach
	void aListWithThreeRegistrants() {
		engine.sendDueNow();
		catcher.clear();
		manager = staff.manager(staff.body());
		sender = staff.sender(manager);
		list = registration.list(manager);
		String tag = StaffFixtures.unique("n");
		addresses = List.of(tag + ".a@example.jp", tag + "..b.@docomo.ne.jp", tag + ".c@example.jp");
		registration.registrant(list, addresses.get(0), "青木 一郎", "1年1組");
		registration.registrant(list, addresses.get(1), "髙橋 﨑子", "1年1組");
		registration.registrant(list, addresses.get(2), "佐藤 三郎", "1年2組");
		// the welcome mails of registration are not what these tests look at
		catcher.clear();
	}

	private long draft(String subject, String text, boolean emergency) {
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", subject)
			.param("text", text)
			.param("listIds", String.valueOf(list.id()))
			.param("emergency", String.valueOf(emergency))
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		return createdId(created);
	}

	/** The id of the notice a "new notice" POST redirected to. */
	private static long createdId(org.springframework.test.web.servlet.assertj.MvcTestResult created) {
		String location = created.getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void everyRegistrantGetsOneMessageOfTheirOwn() {
		long id = draft("台風{{氏名}}", "{{氏名}}さん\n明日は臨時休校です。\n{{変更・停止リンク}}", false);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("3人");
		assertThat(mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange())
			.hasRedirectedUrl("/notices/" + id);
		assertThat(engine.sendDueNow()).isEqualTo(3);

		var mails = catcher.caught();
		assertThat(mails).hasSize(3);
		assertThat(mails).allSatisfy(mail -> {
			assertThat(mail.to()).hasSize(1);
			assertThat(mail.rawHeaders()).doesNotContainIgnoringCase("\nCc:")
				.doesNotContainIgnoringCase("\nBcc:")
				.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
				.contains("Precedence: bulk")
				.containsPattern("Message-ID: <\\d+\\." + id + "\\.renraku@");
			assertThat(mail.body()).contains("明日は臨時休校です。").contains("/m/");
		});
		assertThat(mails.stream().flatMap(m -> m.to().stream()).toList())
			.containsExactlyInAnyOrderElementsOf(addresses);
		assertThat(mails).anySatisfy(mail -> {
			assertThat(mail.subject()).isEqualTo("台風髙橋 﨑子");
			assertThat(mail.body()).startsWith("髙橋 﨑子さん");
		});
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("配信状況");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'SENT'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
		// released notices can no longer change, nor be released twice
		assertThat(mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "notice.error.notDraft");
		assertThat(engine.sendDueNow()).isZero();
	}

	@Test
	void aRegistrantWhoStopsBeforeTheSendIsNotMailed() {
		long id = draft("お知らせ", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		jdbc.sql("DELETE FROM registrant WHERE email = :e").param("e", addresses.get(2)).update();
		engine.sendDueNow();
		assertThat(catcher.caught()).hasSize(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'SKIPPED'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aCrashedWorkersRowsAreResumedAfterTheLeaseAndSentOnce() {
		long id = draft("再開", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		// a worker claimed the rows and died before sending: they stay SENDING under its
		// lease
		jdbc.sql(
				"UPDATE delivery SET status = 'SENDING', claimed_by = 'dead', lease_until = :future WHERE notice_id = :id")
			.param("future", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5))
			.param("id", id)
			.update();
		assertThat(engine.sendDueNow()).isZero();
		jdbc.sql("UPDATE delivery SET lease_until = :past WHERE notice_id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("id", id)
			.update();
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(catcher.caught()).hasSize(3);
	}

	@Test
	void emergencyNoticesAreQueuedWithTheirOwnPriority() {
		long routine = draft("通常", "本文", false);
		long emergency = draft("緊急", "本文", true);
		mvc.post().uri("/notices/" + routine + "/release").with(sender.signedIn()).with(csrf()).exchange();
		mvc.post().uri("/notices/" + emergency + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(jdbc.sql("SELECT DISTINCT priority FROM delivery WHERE notice_id = :id")
			.param("id", emergency)
			.query(Integer.class)
			.list()).containsExactly(0);
		assertThat(jdbc.sql("SELECT DISTINCT priority FROM delivery WHERE notice_id = :id")
			.param("id", routine)
			.query(Integer.class)
			.list()).containsExactly(1);
		assertThat(engine.sendDueNow()).isEqualTo(6);
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NOTICE_RELEASED_EMERGENCY' AND target = :t")
					.param("t", "notice:" + emergency)
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void testSendGoesOnlyToTheWritersOwnAddress() {
		long id = draft("テスト {{氏名}}", "{{氏名}}さん {{変更・停止リンク}}", false);
		assertThat(mvc.post().uri("/notices/" + id + "/test").with(sender.signedIn()).with(csrf()).exchange()).flash()
			.containsEntry("flashError", "notice.error.noEmail");
		jdbc.sql("UPDATE staff_account SET email = 'sender@city.example.jp' WHERE id = :id")
			.param("id", sender.id())
			.update();
		mvc.post().uri("/notices/" + id + "/test").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(catcher.caught()).singleElement().satisfies(mail -> {
			assertThat(mail.to()).containsExactly("sender@city.example.jp");
			assertThat(mail.subject()).startsWith("【テスト送信】");
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherBodysStaffCannotSeeOrSendTheNotice() {
		long id = draft("機密", "本文", false);
		TestStaff stranger = staff.manager(staff.body());
		for (String uri : List.of("/notices/" + id, "/notices/" + id + "/edit")) {
			assertThat(mvc.get().uri(uri).with(stranger.signedIn()).exchange()).as(uri).hasStatus(404);
		}
		for (String uri : List.of("/notices/" + id + "/edit", "/notices/" + id + "/test",
				"/notices/" + id + "/release")) {
			assertThat(mvc.post()
				.uri(uri)
				.with(stranger.signedIn())
				.with(csrf())
				.param("subject", "x")
				.param("text", "y")
				.param("listIds", String.valueOf(list.id()))
				.exchange()).as(uri).hasStatus(404);
		}
		assertThat(mvc.get().uri("/notices").with(stranger.signedIn()).exchange()).bodyText().doesNotContain("機密");
		assertThat(mvc.get().uri("/notices").with(staff.systemAdmin().signedIn()).exchange()).hasStatus(403);
		assertThat(jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("DRAFT");
	}

	@Test
	void aNoticeCannotTargetAnotherBodysList() {
		TestStaff otherManager = staff.manager(staff.body());
		RegistrationList foreign = registration.list(otherManager);
		registration.registrant(foreign, StaffFixtures.unique("f") + "@example.jp", "他 機関", "1年1組");
		catcher.clear();
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", "越境")
			.param("text", "本文")
			.param("listIds", String.valueOf(foreign.id()))
			.exchange();
		long id = createdId(created);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_list WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isZero();
		assertThat(catcher.caught()).isEmpty();
	}

	@Test
	void pausingHoldsTheWaitingMailAndResumingSendsIt() {
		long id = draft("一時停止", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(mvc.post().uri("/notices/" + id + "/pause").with(sender.signedIn()).with(csrf()).exchange()).flash()
			.containsEntry("flashMessage", "notice.paused");
		assertThat(engine.sendDueNow()).isZero();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("配信を再開する");
		mvc.post().uri("/notices/" + id + "/resume").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(catcher.caught()).hasSize(3);
	}

	@Test
	void theProgressFiguresCanBeFetchedWithoutReloadingByTheBodyOnly() {
		long id = draft("進捗", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("/js/progress.js")
			.contains("data-progress-url=\"/notices/" + id + "/progress\"");
		var waiting = mvc.get().uri("/notices/" + id + "/progress").with(sender.signedIn()).exchange();
		assertThat(waiting).hasStatusOk().hasContentTypeCompatibleWith("application/json");
		assertThat(waiting).bodyJson().extractingPath("$.remaining").asNumber().isEqualTo(3);
		assertThat(waiting).bodyJson().extractingPath("$.done").isEqualTo(false);
		assertThat(waiting.getResponse().getHeader("Cache-Control")).contains("no-store");

		engine.sendDueNow();
		var done = mvc.get().uri("/notices/" + id + "/progress").with(sender.signedIn()).exchange();
		assertThat(done).bodyJson().extractingPath("$.sent").asNumber().isEqualTo(3);
		assertThat(done).bodyJson().extractingPath("$.summary").isEqualTo("配信が終わりました。送信済み 3 件、失敗 0 件。");
		// the finished page needs no script
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.doesNotContain("/js/progress.js");

		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.get().uri("/notices/" + id + "/progress").with(stranger.signedIn()).exchange()).hasStatus(404);
	}

	@Test
	void failedMessagesCanBeSentAgainFromThePage() {
		long id = draft("再送", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		engine.sendDueNow();
		jdbc.sql("UPDATE delivery SET status = 'FAILED', last_reply = '550 mailbox unavailable' WHERE notice_id = :id "
				+ "AND registrant_id = (SELECT MIN(registrant_id) FROM delivery WHERE notice_id = :id)")
			.param("id", id)
			.update();
		catcher.clear();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("550 mailbox unavailable");
		mvc.post().uri("/notices/" + id + "/retry-failures").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).hasSize(1);
	}

	@Test
	void anotherBodysStaffCannotPauseResumeOrRetry() {
		long id = draft("他機関", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		TestStaff stranger = staff.manager(staff.body());
		for (String action : List.of("pause", "resume", "retry-failures")) {
			assertThat(
					mvc.post().uri("/notices/" + id + "/" + action).with(stranger.signedIn()).with(csrf()).exchange())
				.as(action)
				.hasStatus(404);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'QUEUED'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Autowired
	NoticeManagement notices;

	@Autowired
	NoticeReleases releases;

	@Test
	void aScheduledNoticeGoesOutWhenItsTimeComesAndCanBeWithdrawnBefore() {
		long id = draft("予約", "本文", false);
		String past = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
			.minusMinutes(5)
			.withSecond(0)
			.withNano(0)
			.toString();
		assertThat(mvc.post()
			.uri("/notices/" + id + "/schedule")
			.with(sender.signedIn())
			.with(csrf())
			.param("at", past)
			.exchange()).flash().containsEntry("flashError", "notice.error.scheduleInPast");
		String future = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
			.plusHours(1)
			.withSecond(0)
			.withNano(0)
			.toString();
		assertThat(mvc.post()
			.uri("/notices/" + id + "/schedule")
			.with(sender.signedIn())
			.with(csrf())
			.param("at", future)
			.exchange()).flash().containsEntry("flashMessage", "notice.scheduled");
		assertThat(releases.releaseDue()).isZero();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("予約を取り消す");

		// withdrawn, it is a draft again and nothing goes out
		mvc.post().uri("/notices/" + id + "/unschedule").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("DRAFT");

		mvc.post()
			.uri("/notices/" + id + "/schedule")
			.with(sender.signedIn())
			.with(csrf())
			.param("at", future)
			.exchange();
		jdbc.sql("UPDATE notice SET scheduled_at = :past WHERE id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("id", id)
			.update();
		assertThat(releases.releaseDue()).isEqualTo(1);
		assertThat(releases.releaseDue()).as("released once").isZero();
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("RELEASED");
	}

	private String state(long id) {
		return jdbc.sql("SELECT state FROM notice WHERE id = :id").param("id", id).query(String.class).single();
	}

	@Test
	void whereTheBodyRequiresApprovalASecondPersonApprovesBeforeSending() {
		assertThat(mvc.post()
			.uri("/notices/approval-setting")
			.with(manager.signedIn())
			.with(csrf())
			.param("required", "true")
			.exchange()).hasRedirectedUrl("/notices");
		long id = draft("承認", "本文", false);
		assertThat(mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashMessage", "notice.approvalRequested");
		assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
		assertThat(engine.sendDueNow()).isZero();

		// the writer cannot approve, nor can a sender
		assertThat(mvc.post().uri("/notices/" + id + "/approve").with(sender.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "notice.error.approverRole");
		// another body's manager finds nothing
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.post().uri("/notices/" + id + "/approve").with(stranger.signedIn()).with(csrf()).exchange())
			.hasStatus(404);

		assertThat(mvc.post().uri("/notices/" + id + "/approve").with(manager.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashMessage", "notice.approved");
		assertThat(state(id)).isEqualTo("APPROVED");
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(state(id)).isEqualTo("RELEASED");
		assertThat(engine.sendDueNow()).isEqualTo(3);
	}

	@Test
	void nobodyApprovesTheirOwnNoticeAndAReturnedNoticeIsADraftAgain() {
		mvc.post()
			.uri("/notices/approval-setting")
			.with(manager.signedIn())
			.with(csrf())
			.param("required", "true")
			.exchange();
		var created = mvc.post()
			.uri("/notices/new")
			.with(manager.signedIn())
			.with(csrf())
			.param("subject", "自分")
			.param("text", "本文")
			.param("listIds", String.valueOf(list.id()))
			.exchange();
		long own = createdId(created);
		mvc.post().uri("/notices/" + own + "/release").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(mvc.post().uri("/notices/" + own + "/approve").with(manager.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "notice.error.ownNotice");
		assertThat(state(own)).isEqualTo("PENDING_APPROVAL");

		long id = draft("差し戻し", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		mvc.post().uri("/notices/" + id + "/return").with(manager.signedIn()).with(csrf()).exchange();
		assertThat(state(id)).isEqualTo("DRAFT");
	}

	@Test
	void anEmergencyGoesWithoutApprovalAndTheBypassIsRecordedAndShown() {
		mvc.post()
			.uri("/notices/approval-setting")
			.with(manager.signedIn())
			.with(csrf())
			.param("required", "true")
			.exchange();
		long id = draft("緊急 避難指示", "本文", true);
		assertThat(mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashMessage", "notice.released");
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

	@Test
	void theSystemAdministratorPausesAndLimitsABodysSending() {
		TestStaff admin = staff.systemAdmin();
		long body = sender.staff().requireBody();
		assertThat(mvc.post()
			.uri("/admin/bodies/" + body + "/sending")
			.with(manager.signedIn())
			.with(csrf())
			.param("paused", "true")
			.exchange()).hasStatus(403);
		assertThat(mvc.post()
			.uri("/admin/bodies/" + body + "/sending")
			.with(admin.signedIn())
			.with(csrf())
			.param("paused", "true")
			.exchange()).hasRedirectedUrl("/admin/queue");
		long id = draft("停止中", "本文", false);
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).as("paused body waits").isZero();
		assertThat(mvc.get().uri("/admin/queue").with(admin.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("配信の調整");

		// with a limit of 2 per hour, two of the three go and the third waits in the
		// queue
		mvc.post()
			.uri("/admin/bodies/" + body + "/sending")
			.with(admin.signedIn())
			.with(csrf())
			.param("hourlyLimit", "2")
			.exchange();
		engine.sendDueNow();
		assertThat(catcher.caught()).hasSize(2);
		assertThat(
				jdbc.sql("SELECT COUNT(*) FROM delivery WHERE notice_id = :id AND status = 'QUEUED' AND attempts = 0")
					.param("id", id)
					.query(Long.class)
					.single())
			.isEqualTo(1);
		// ... and the body is over its limit: the next notice waits too
		long next = draft("上限", "本文", false);
		mvc.post().uri("/notices/" + next + "/release").with(sender.signedIn()).with(csrf()).exchange();
		engine.rulesChanged();
		assertThat(engine.sendDueNow()).as("over the hourly limit").isZero();
		mvc.post().uri("/admin/bodies/" + body + "/sending").with(admin.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isEqualTo(4);
		assertThat(catcher.caught()).hasSize(6);
	}

	@Test
	void aNoticeCanBeNarrowedToAnAffiliation() {
		assertThat(mvc.get().uri("/notices/new").with(sender.signedIn()).exchange()).bodyText()
			.contains("所属で絞り込む")
			.contains("1年2組");
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", "2組だけ")
			.param("text", "本文")
			.param("listIds", String.valueOf(list.id()))
			.param("affiliations", "1年2組")
			.param("affiliations", "存在しない組")
			.exchange();
		long id = createdId(created);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("1人");
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).singleElement()
			.satisfies(mail -> assertThat(mail.to()).containsExactly(addresses.get(2)));
	}

	@Test
	void aNoticeCanBeNarrowedByTheAnswerToTheListsOwnQuestion() {
		long question = list.customFields().get(0).id();
		String tag = StaffFixtures.unique("ans");
		String night = tag + ".night@example.jp";
		registration.registrant(list, night, "夜の人", "1年1組", java.util.Map.of(question, "夜"));
		registration.registrant(list, tag + ".day@example.jp", "昼の人", "1年1組", java.util.Map.of(question, "昼"));
		catcher.clear();
		assertThat(mvc.get().uri("/notices/new").with(sender.signedIn()).exchange()).bodyText()
			.contains("連絡してほしい時間帯 の回答で絞り込む");
		var created = mvc.post()
			.uri("/notices/new")
			.with(sender.signedIn())
			.with(csrf())
			.param("subject", "夜の連絡")
			.param("text", "本文")
			.param("listIds", String.valueOf(list.id()))
			.param("answerChoices", question + ":夜")
			.param("answerChoices", question + ":ない答え")
			.param("answerChoices", "999999:夜")
			.param("answerChoices", "壊れた値")
			.exchange();
		long id = createdId(created);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("1人")
			.contains("<span>連絡してほしい時間帯</span>: <span>夜</span>");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_answer WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the edit form shows the choice again
		assertThat(mvc.get().uri("/notices/" + id + "/edit").with(sender.signedIn()).exchange()).bodyText()
			.containsPattern("value=\"" + question + ":夜\"[^>]*checked")
			.doesNotContainPattern("value=\"" + question + ":昼\"[^>]*checked");
		mvc.post().uri("/notices/" + id + "/release").with(sender.signedIn()).with(csrf()).exchange();
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).singleElement().satisfies(mail -> assertThat(mail.to()).containsExactly(night));
	}

	@Test
	void aNoticeStartsFromOneOfTheBodysTemplatesAndNoOtherBodys() {
		assertThat(mvc.post()
			.uri("/notices/templates")
			.with(manager.signedIn())
			.with(csrf())
			.param("name", "休校")
			.param("subject", "【休校】{{氏名}}様")
			.param("text", "明日は休校です。")
			.exchange()).hasRedirectedUrl("/notices/templates");
		assertThat(mvc.post()
			.uri("/notices/templates")
			.with(manager.signedIn())
			.with(csrf())
			.param("name", "休校")
			.param("subject", "x")
			.param("text", "y")
			.exchange()).bodyText().contains("この名前の定型文はすでにあります").contains("field__error");
		assertThat(mvc.post()
			.uri("/notices/templates")
			.with(manager.signedIn())
			.with(csrf())
			.param("name", "空")
			.param("subject", "")
			.param("text", "本文")
			.exchange()).bodyText().contains("id=\"subject-error\"").contains("入力してください。");
		long template = jdbc.sql("SELECT id FROM notice_template WHERE body_id = :b AND name = '休校'")
			.param("b", manager.staff().requireBody())
			.query(Long.class)
			.single();
		assertThat(mvc.get().uri("/notices/new?template=" + template).with(sender.signedIn()).exchange()).bodyText()
			.contains("【休校】{{氏名}}様")
			.contains("明日は休校です。");

		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/notices/new?template=" + template).with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(mvc.post()
			.uri("/notices/templates/" + template + "/delete")
			.with(stranger.signedIn())
			.with(csrf())
			.exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/notices/templates").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain("休校");
		assertThat(mvc.post()
			.uri("/notices/templates/" + template + "/delete")
			.with(sender.signedIn())
			.with(csrf())
			.exchange()).hasRedirectedUrl("/notices/templates");
	}

	@Test
	void anotherBodysStaffCannotScheduleWithdrawOrReturnANotice() {
		long id = draft("他機関予約", "本文", false);
		TestStaff stranger = staff.manager(staff.body());
		String future = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo"))
			.plusHours(1)
			.withSecond(0)
			.withNano(0)
			.toString();
		assertThat(mvc.post()
			.uri("/notices/" + id + "/schedule")
			.with(stranger.signedIn())
			.with(csrf())
			.param("at", future)
			.exchange()).hasStatus(404);
		mvc.post()
			.uri("/notices/" + id + "/schedule")
			.with(sender.signedIn())
			.with(csrf())
			.param("at", future)
			.exchange();
		for (String action : List.of("unschedule", "return")) {
			assertThat(
					mvc.post().uri("/notices/" + id + "/" + action).with(stranger.signedIn()).with(csrf()).exchange())
				.as(action)
				.hasStatus(404);
		}
		assertThat(state(id)).isEqualTo("SCHEDULED");
		assertThat(mvc.post()
			.uri("/notices/approval-setting")
			.with(sender.signedIn())
			.with(csrf())
			.param("required", "true")
			.exchange()).hasStatus(403);
	}

}
