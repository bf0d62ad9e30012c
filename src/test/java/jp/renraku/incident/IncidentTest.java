package jp.renraku.incident;

import java.time.LocalDateTime;
import java.time.ZoneId;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Art. 12 and 15 through the real pages: a sender reports, the system administrators are
 * mailed, the record goes through investigation, escalation to the CISO, an outside
 * contact, an investigation report from the body, a plan and closure; amendments keep
 * what they replaced; other bodies never see it; nothing can delete it.
 */
@RenrakuIntegrationTest
class IncidentTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	TestStaff admin;

	TestStaff manager;

	TestStaff sender;

	TestStaff stranger;

	@BeforeEach
	void people() {
		admin = staff.systemAdmin();
		jdbc.sql("UPDATE staff_account SET email = :email WHERE id = :id")
			.param("email", "kiki." + admin.loginId() + "@city.example.jp")
			.param("id", admin.id())
			.update();
		manager = staff.manager(staff.body());
		sender = staff.sender(manager);
		stranger = staff.manager(staff.body());
		catcher.clear();
	}

	private long report(TestStaff who, String title) {
		MvcTestResult created = mvc.post()
			.uri("/incidents/new")
			.with(who.signedIn())
			.with(csrf())
			.param("kind", "MIS_SENT")
			.param("title", title)
			.param("description", "保護者向けのお知らせを\n教職員向けリストに送信した。")
			.param("discoveredAt", LocalDateTime.now(ZoneId.of("Asia/Tokyo")).minusMinutes(30).withNano(0).toString())
			.param("affectedPeople", "40")
			.param("immediateMeasures", "訂正メールを送信")
			.exchange();
		assertThat(created).hasStatus3xxRedirection().flash().containsEntry("flashMessage", "incident.reported");
		String location = created.getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private MvcTestResult post(TestStaff who, String uri, String... params) {
		return jp.renraku.StaffRequests.post(mvc, who, uri, params);
	}

	private String page(TestStaff who, long id) {
		var result = mvc.get().uri("/incidents/" + id).with(who.signedIn()).exchange();
		assertThat(result).hasStatusOk();
		try {
			return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aReportGoesThroughItsWholeLifeAndTheAdministratorIsMailedAtOnce() {
		long id = report(sender, "誤送信の報告");
		assertThat(catcher.caught()).anySatisfy(mail -> {
			assertThat(mail.to()).containsExactly("kiki." + admin.loginId() + "@city.example.jp");
			assertThat(mail.subject()).contains("誤送信").contains("誤送信の報告");
			assertThat(mail.body()).contains("/incidents/" + id).doesNotContain("教職員向けリスト");
		});
		assertThat(page(sender, id)).contains("誤送信の報告").contains("報告受付");

		assertThat(post(admin, "/incidents/" + id + "/investigate")).flash()
			.containsEntry("flashMessage", "incident.investigating");
		assertThat(post(admin, "/incidents/" + id + "/escalate", "party", "情報政策監 山田", "method", "電話", "when",
				"2026-11-26T10:30", "text", "概要を口頭で報告"))
			.flash()
			.containsEntry("flashMessage", "incident.escalated");
		assertThat(post(admin, "/incidents/" + id + "/contacts", "party", "個人情報保護委員会", "method", "電子申請", "when",
				"2026-11-26T11:00"))
			.flash()
			.containsEntry("flashMessage", "incident.contacted");

		// Art. 12-2: the body's operations manager gets a task and answers it
		assertThat(post(admin, "/incidents/" + id + "/requests", "bodyId", String.valueOf(manager.staff().bodyId()),
				"question", "送信先を誤った経緯を調査し報告してください。", "dueOn", "2026-12-01"))
			.flash()
			.containsEntry("flashMessage", "incident.requested");
		assertThat(mvc.get().uri("/").with(manager.signedIn()).exchange()).bodyText()
			.contains("事故・障害 第" + id + "号について、システム管理者から調査報告を求められています");
		long request = jdbc.sql("SELECT id FROM investigation_request WHERE incident_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		assertThat(post(sender, "/incidents/" + id + "/requests/" + request + "/answer", "text", "担当外の回答"))
			.hasStatus(404);
		assertThat(post(manager, "/incidents/" + id + "/requests/" + request + "/answer", "text", "宛先リストの選択誤り。"))
			.flash()
			.containsEntry("flashMessage", "incident.answered");
		assertThat(post(manager, "/incidents/" + id + "/requests/" + request + "/answer", "text", "二度目")).flash()
			.containsEntry("flashError", "incident.error.answered");
		assertThat(mvc.get().uri("/").with(manager.signedIn()).exchange()).bodyText().doesNotContain("調査報告を求められています");

		assertThat(post(admin, "/incidents/" + id + "/plan", "text", "送信前に宛先リスト名の確認欄を設ける。")).flash()
			.containsEntry("flashMessage", "incident.planned");
		assertThat(post(admin, "/incidents/" + id + "/close", "text", "再発防止策を周知し終結。")).flash()
			.containsEntry("flashMessage", "incident.closed");
		assertThat(
				post(admin, "/incidents/" + id + "/escalate", "party", "x", "method", "x", "when", "2026-11-26T12:00"))
			.flash()
			.containsEntry("flashError", "incident.error.state");

		String timeline = page(admin, id);
		String bodyName = jdbc.sql("SELECT name FROM body WHERE id = :id")
			.param("id", manager.staff().bodyId())
			.query(String.class)
			.single();
		assertThat(timeline).contains("<span>相手</span>: <span>" + bodyName + "</span>");
		assertThat(timeline).contains("終結")
			.contains("情報政策監 山田")
			.contains("個人情報保護委員会")
			.contains("宛先リストの選択誤り。")
			.contains("送信前に宛先リスト名の確認欄を設ける。");
		assertThat(jdbc.sql("SELECT kind FROM incident_event WHERE incident_id = :id ORDER BY id")
			.param("id", id)
			.query(String.class)
			.list()).containsExactly("REPORTED", "INVESTIGATION_STARTED", "ESCALATED", "OUTSIDE_CONTACT",
					"REPORT_REQUESTED", "REPORT_SUBMITTED", "PLAN", "CLOSED");
		assertThat(jdbc.sql("SELECT escalated_at IS NOT NULL FROM incident WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void anAmendmentKeepsWhatTheReportSaidBefore() {
		long id = report(sender, "最初の件名");
		assertThat(post(sender, "/incidents/" + id + "/amend", "kind", "LEAK", "title", "訂正した件名", "description",
				"実際には漏えいだった", "discoveredAt", "2026-11-26T09:00", "reason", ""))
			.hasStatusOk()
			.bodyText()
			.contains("入力してください");
		assertThat(post(sender, "/incidents/" + id + "/amend", "kind", "LEAK", "title", "訂正した件名", "description",
				"実際には漏えいだった", "discoveredAt", "2026-11-26T09:00", "reason", "調査で判明"))
			.flash()
			.containsEntry("flashMessage", "incident.amended");
		assertThat(page(sender, id)).contains("訂正した件名").contains("最初の件名").contains("調査で判明");
		assertThat(jdbc.sql("SELECT text FROM incident_event WHERE incident_id = :id AND kind = 'AMENDED'")
			.param("id", id)
			.query(String.class)
			.single()).contains("種類: 誤送信").contains("影響を受けた人数（おおよそ）: 40").doesNotContain("MIS_SENT");
		// another member of the body may add notes, not rewrite the report
		TestStaff colleague = staff.sender(manager);
		assertThat(post(colleague, "/incidents/" + id + "/amend", "kind", "OTHER", "title", "書き換え", "description", "x",
				"discoveredAt", "2026-11-26T09:00", "reason", "x"))
			.flash()
			.containsEntry("flashError", "incident.error.notReporter");
		assertThat(post(colleague, "/incidents/" + id + "/notes", "text", "保護者から問い合わせ2件")).flash()
			.containsEntry("flashMessage", "incident.noted");
	}

	@Test
	void anotherBodyNeverSeesOrTouchesTheIncidentAndOnlyTheAdministratorLeadsIt() {
		long id = report(sender, "他機関に見えない件");
		assertThat(mvc.get().uri("/incidents/" + id).with(stranger.signedIn()).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/incidents").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain("他機関に見えない件");
		assertThat(mvc.get().uri("/incidents").with(manager.signedIn()).exchange()).bodyText().contains("他機関に見えない件");
		for (String action : new String[] { "notes", "investigate", "plan", "close", "amend" }) {
			assertThat(post(stranger, "/incidents/" + id + "/" + action, "text", "x")).as(action).hasStatus(404);
		}
		// the body's own staff cannot lead it either
		assertThat(post(manager, "/incidents/" + id + "/investigate")).hasStatus(404);
		assertThat(post(manager, "/incidents/" + id + "/close", "text", "勝手に終結")).hasStatus(404);
		assertThat(jdbc.sql("SELECT state FROM incident WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("REPORTED");
		// nothing deletes a record
		assertThat(mvc.delete()
			.uri("/incidents/" + id)
			.with(admin.signedIn())
			.with(csrf())
			.exchange()
			.getResponse()
			.getStatus()).isIn(404, 405);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM incident WHERE id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aSharedIncidentShowsEachBodyTheCommonRecordAndOnlyItsOwnEntries() {
		TestStaff managerB = stranger;
		long bodyA = manager.staff().bodyId();
		long bodyB = managerB.staff().bodyId();
		long id = report(sender, "二機関にまたがる件");
		assertThat(post(admin, "/incidents/" + id + "/investigate", "text", "共通-調査開始")).hasStatus3xxRedirection();
		assertThat(post(admin, "/incidents/" + id + "/bodies", "bodyId", String.valueOf(bodyB)))
			.hasStatus3xxRedirection();
		assertThat(post(manager, "/incidents/" + id + "/notes", "text", "A-機関の記録")).hasStatus3xxRedirection();
		assertThat(post(managerB, "/incidents/" + id + "/notes", "text", "B-機関の記録")).hasStatus3xxRedirection();
		assertThat(post(admin, "/incidents/" + id + "/notes", "text", "共通-管理者の記録")).hasStatus3xxRedirection();
		assertThat(post(admin, "/incidents/" + id + "/escalate", "party", "共通-CISO", "method", "電話", "when",
				"2026-11-26T10:30"))
			.hasStatus3xxRedirection();
		assertThat(post(admin, "/incidents/" + id + "/contacts", "party", "共通-外部機関", "method", "文書", "when",
				"2026-11-26T11:00"))
			.hasStatus3xxRedirection();
		assertThat(post(sender, "/incidents/" + id + "/amend", "kind", "MIS_SENT", "title", "二機関にまたがる件（修正）",
				"description", "共通-修正後の説明", "discoveredAt",
				LocalDateTime.now(ZoneId.of("Asia/Tokyo")).minusMinutes(40).withNano(0).toString(), "reason",
				"共通-修正理由"))
			.hasStatus3xxRedirection();
		for (var asked : new Object[][] { { bodyA, manager, "A" }, { bodyB, managerB, "B" } }) {
			String letter = (String) asked[2];
			assertThat(post(admin, "/incidents/" + id + "/requests", "bodyId", String.valueOf(asked[0]), "question",
					letter + "-機関への調査依頼"))
				.hasStatus3xxRedirection();
			long request = jdbc.sql("SELECT id FROM investigation_request WHERE incident_id = :id AND body_id = :body")
				.param("id", id)
				.param("body", asked[0])
				.query(Long.class)
				.single();
			assertThat(post((TestStaff) asked[1], "/incidents/" + id + "/requests/" + request + "/answer", "text",
					letter + "-機関の調査報告（住民 山田花子 に誤送信）"))
				.hasStatus3xxRedirection();
		}
		assertThat(post(admin, "/incidents/" + id + "/plan", "text", "共通-再発防止策")).hasStatus3xxRedirection();
		assertThat(post(admin, "/incidents/" + id + "/close", "text", "共通-終結")).hasStatus3xxRedirection();

		// every kind of entry was made, and each is either common or one body's
		assertThat(jdbc.sql("SELECT DISTINCT kind FROM incident_event WHERE incident_id = :id")
			.param("id", id)
			.query(String.class)
			.list()).containsExactlyInAnyOrder(
					java.util.Arrays.stream(IncidentEvent.Kind.values()).map(Enum::name).toArray(String[]::new));
		for (var row : jdbc.sql("SELECT kind, text, party, body_id FROM incident_event WHERE incident_id = :id")
			.param("id", id)
			.query((rs,
					n) -> new Object[] { rs.getString("kind"), rs.getString("text"), rs.getString("party"),
							rs.getObject("body_id", Long.class) })
			.list()) {
			String words = row[1] + " " + row[2];
			Long expected = words.contains("A-") ? Long.valueOf(bodyA)
					: words.contains("B-") ? Long.valueOf(bodyB) : null;
			assertThat((Long) row[3]).as(row[0] + ": " + words).isEqualTo(expected);
		}

		String common[] = { "共通-調査開始", "共通-管理者の記録", "共通-CISO", "共通-外部機関", "共通-修正理由", "共通-再発防止策", "共通-終結" };
		for (TestStaff who : new TestStaff[] { manager, sender }) {
			String page = page(who, id);
			assertThat(page).contains(common).contains("A-機関の記録", "A-機関への調査依頼", "A-機関の調査報告");
			assertThat(page).doesNotContain("B-機関の記録", "B-機関への調査依頼", "B-機関の調査報告");
		}
		String pageB = page(managerB, id);
		assertThat(pageB).contains(common).contains("B-機関の記録", "B-機関への調査依頼", "B-機関の調査報告");
		assertThat(pageB).doesNotContain("A-機関の記録", "A-機関への調査依頼", "A-機関の調査報告");
		assertThat(page(admin, id)).contains(common)
			.contains("A-機関の記録", "A-機関への調査依頼", "A-機関の調査報告", "B-機関の記録", "B-機関への調査依頼", "B-機関の調査報告");
	}

	@Test
	void badInputIsRefusedWithAClearMessageAndNothingIsStored() {
		long before = jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();
		var empty = post(sender, "/incidents/new", "title", "", "description", "");
		assertThat(empty).hasStatusOk().bodyText().contains("入力してください");
		var future = post(sender, "/incidents/new", "kind", "OTHER", "title", "未来", "description", "x", "discoveredAt",
				LocalDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(2).withNano(0).toString());
		assertThat(future).hasStatusOk().bodyText().contains("発見日時が未来になっています。");
		var people = post(sender, "/incidents/new", "kind", "OTHER", "title", "人数", "description", "x", "discoveredAt",
				"2026-11-26T09:00", "affectedPeople", "-3");
		assertThat(people).hasStatusOk().bodyText().contains("0以上の人数を入力してください。");
		var kind = post(sender, "/incidents/new", "kind", "NOT_A_KIND", "title", "種類", "description", "x",
				"discoveredAt", "2026-11-26T09:00");
		assertThat(kind).hasStatusOk();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single()).isEqualTo(before);
	}

}
