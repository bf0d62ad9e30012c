package jp.renraku.organization;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StaffRequests;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
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
 * Art. 6 through the pages: a body without a permit neither sends nor takes
 * registrations; its operations manager applies, the system administrator returns the
 * application for correction and then approves it, which issues a numbered, printable
 * permit; a permit ending soon is announced once; an expired one stops the body again.
 */
@RenrakuIntegrationTest
class UsagePermitTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	PermitManagement permits;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	TestStaff admin;

	TestStaff manager;

	long body;

	LocalDate today;

	@BeforeEach
	void aBodyWithoutPermit() {
		engine.sendDueNow();
		admin = staff.systemAdmin();
		body = staff.bodyWithoutPermit();
		manager = staff.manager(body);
		jdbc.sql("UPDATE staff_account SET email = :e WHERE id = :id")
			.param("e", manager.loginId() + "@city.example.jp")
			.param("id", manager.id())
			.update();
		today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
	}

	private MvcTestResult apply(TestStaff who, String rules, MockMultipartFile pdf, String start, String end) {
		var request = mvc.post()
			.uri("/applications/new")
			.multipart()
			.param("purpose", "保護者への緊急連絡のため")
			.param("plannedLists", "配信リスト名: 保護者連絡\n(1) 利用目的: 緊急連絡")
			.param("periodStart", start)
			.param("periodEnd", end)
			.param("expectedRegistrants", "800")
			.param("managerName", "教育 花子")
			.param("managerContact", "教育総務課 内線2345")
			.param("handlingRules", rules);
		if (pdf != null) {
			request = request.file(pdf);
		}
		return request.with(who.signedIn()).with(csrf()).exchange();
	}

	private static long idOf(MvcTestResult result) {
		String location = result.getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private MvcTestResult post(TestStaff who, String uri, String... params) {
		return StaffRequests.post(mvc, who, uri, params);
	}

	@Test
	void applyReturnApprovePrintAndThenTheBodyWorks() throws Exception {
		RegistrationList list = registration.list(manager);
		TestStaff sender = staff.sender(manager);
		// without a permit: no registrations, no sending
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().contains("登録を受け付けていません");
		long notice = notices.draft(sender, list).subject("許可前").save();
		assertThat(post(sender, "/notices/" + notice + "/release")).flash()
			.containsEntry("flashError", "notice.error.noPermit");

		// the operations manager applies; without handling rules it cannot be submitted
		assertThat(mvc.get().uri("/applications/new").with(manager.signedIn()).exchange()).bodyText()
			.contains("連絡システム利用申請書（様式第1号）")
			.contains("(5) 本人確認の方法:");
		MvcTestResult created = apply(manager, "", null, today.toString(), today.plusYears(1).toString());
		assertThat(created).hasStatus3xxRedirection();
		long application = idOf(created);
		assertThat(post(manager, "/applications/" + application + "/submit")).flash()
			.containsEntry("flashError", "application.error.handlingRules");
		// a second application while this one is open is refused
		assertThat(apply(manager, "規程", null, today.toString(), today.plusYears(1).toString())).hasStatusOk()
			.bodyText()
			.contains("作成中または審査中の申請があります");

		// the handling rules as a PDF; the system administrator returns it once
		MockMultipartFile pdf = new MockMultipartFile("pdf", "取扱規程.pdf", "application/pdf",
				"%PDF-1.4\n%試験\n".getBytes(StandardCharsets.UTF_8));
		assertThat(mvc.post()
			.uri("/applications/" + application + "/edit")
			.multipart()
			.file(pdf)
			.param("purpose", "保護者への緊急連絡のため")
			.param("plannedLists", "配信リスト名: 保護者連絡")
			.param("periodStart", today.toString())
			.param("periodEnd", today.plusYears(1).toString())
			.param("expectedRegistrants", "800")
			.param("managerName", "教育 花子")
			.param("managerContact", "教育総務課 内線2345")
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).flash().containsEntry("flashMessage", "application.saved");
		assertThat(post(manager, "/applications/" + application + "/submit")).flash()
			.containsEntry("flashMessage", "application.submitted");
		assertThat(post(manager, "/applications/" + application + "/approve", "validFrom", today.toString(),
				"validUntil", today.plusYears(1).toString()))
			.hasStatus(403);
		assertThat(post(admin, "/applications/" + application + "/return", "comment", "登録対象者を具体的に書いてください。")).flash()
			.containsEntry("flashMessage", "application.returned");
		assertThat(mvc.get().uri("/applications/" + application).with(manager.signedIn()).exchange()).bodyText()
			.contains("登録対象者を具体的に書いてください。")
			.contains("差し戻し");
		assertThat(post(manager, "/applications/" + application + "/submit")).flash()
			.containsEntry("flashMessage", "application.submitted");
		var pdfDownload = mvc.get()
			.uri("/applications/" + application + "/handling-rules.pdf")
			.with(admin.signedIn())
			.exchange();
		assertThat(pdfDownload).hasStatusOk().hasContentType("application/pdf");

		// approval issues the numbered permit, printable
		MvcTestResult approved = post(admin, "/applications/" + application + "/approve", "validFrom", today.toString(),
				"validUntil", today.plusYears(1).toString(), "conditions", "年1回、運用状況を報告すること");
		assertThat(approved).hasStatus3xxRedirection().flash().containsEntry("flashMessage", "application.approved");
		long permit = idOf(approved);
		String number = jdbc.sql("SELECT number FROM usage_permit WHERE id = :id")
			.param("id", permit)
			.query(String.class)
			.single();
		assertThat(number).matches(PermitManagement.fiscalYear(today) + "-\\d{3}");
		assertThat(mvc.get().uri("/permits/" + permit).with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("連絡システム利用許可書")
			.contains("様式第2号")
			.contains("第" + number + "号")
			.contains("令和")
			.contains("年1回、運用状況を報告すること");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'PERMIT_ISSUED' AND body_id = :b")
			.param("b", body)
			.query(Long.class)
			.single()).isEqualTo(1);

		// now the body works
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().doesNotContain("登録を受け付けていません");
		assertThat(post(sender, "/notices/" + notice + "/release")).hasRedirectedUrl("/notices/" + notice);
	}

	@Test
	void anotherBodyNeverSeesTheApplicationOrPermitAndSendersHaveNoAccess() {
		long permit = StaffFixtures.permit(permits, body);
		long application = idOf(apply(manager, "規程", null, today.toString(), today.plusYears(1).toString()));
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/applications/" + application).with(stranger.signedIn()).exchange()).hasStatus(404);
		assertThat(post(stranger, "/applications/" + application + "/submit")).hasStatus(404);
		assertThat(mvc.get().uri("/applications/" + application + "/edit").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(post(stranger, "/applications/" + application + "/edit", "purpose", "乗っ取り")).hasStatus(404);
		assertThat(mvc.get()
			.uri("/applications/" + application + "/handling-rules.pdf")
			.with(stranger.signedIn())
			.exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/applications").with(stranger.signedIn()).exchange()).bodyText()
			.doesNotContain("保護者への緊急連絡のため");
		assertThat(mvc.get().uri("/permits/" + permit).with(stranger.signedIn()).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/applications").with(staff.sender(manager).signedIn()).exchange()).hasStatus(403);
		assertThat(jdbc.sql("SELECT state || ' ' || purpose FROM usage_application WHERE id = :id")
			.param("id", application)
			.query(String.class)
			.single()).isEqualTo("DRAFT 保護者への緊急連絡のため");
	}

	@Test
	void badInputIsRefusedAndNothingIsStored() {
		long before = jdbc.sql("SELECT COUNT(*) FROM usage_application").query(Long.class).single();
		MockMultipartFile notPdf = new MockMultipartFile("pdf", "rules.pdf", "application/pdf",
				"<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8));
		assertThat(apply(manager, "", notPdf, today.toString(), today.plusYears(1).toString())).hasStatusOk()
			.bodyText()
			.contains("PDFファイルを選んでください。");
		assertThat(apply(manager, "規程", null, today.toString(), today.minusDays(1).toString())).hasStatusOk()
			.bodyText()
			.contains("期間の終わりは始めより後の日にしてください。");
		assertThat(mvc.post()
			.uri("/applications/new")
			.multipart()
			.param("purpose", "")
			.with(manager.signedIn())
			.with(csrf())
			.exchange()).hasStatusOk().bodyText().contains("入力してください");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_application").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aPermitEndingSoonIsAnnouncedOnceAndAnExpiredOneStopsTheBody() {
		long permit = StaffFixtures.permit(permits, body);
		jdbc.sql("UPDATE usage_permit SET valid_until = :d WHERE id = :id")
			.param("d", today.plusDays(10))
			.param("id", permit)
			.update();
		catcher.clear();
		assertThat(permits.announceExpiries()).isGreaterThanOrEqualTo(1);
		assertThat(catcher.caught()).anySatisfy(mail -> {
			assertThat(mail.to()).containsExactly(manager.loginId() + "@city.example.jp");
			assertThat(mail.subject()).contains("利用許可の期限");
			assertThat(mail.body()).contains(today.plusDays(10).toString());
		});
		catcher.clear();
		permits.announceExpiries();
		assertThat(catcher.caught()).noneMatch(mail -> mail.to().contains(manager.loginId() + "@city.example.jp"));

		assertThat(permits.permitted(body)).isTrue();
		jdbc.sql("UPDATE usage_permit SET valid_until = :d WHERE id = :id")
			.param("d", today.minusDays(1))
			.param("id", permit)
			.update();
		assertThat(permits.permitted(body)).isFalse();
		RegistrationList list = registration.list(manager);
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().contains("登録を受け付けていません");
	}

}
