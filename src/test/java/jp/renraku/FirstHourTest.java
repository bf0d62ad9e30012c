package jp.renraku;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.organization.PermitManagement;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: an operations manager's first hour. The home page's checklist ticks each step
 * from the real state; while the body has no usage permit, the list page, the home page,
 * the resident's page and the compose page say why nothing works and what to do; the
 * usage application starts from what the lists say and refuses the bare template.
 */
@RenrakuIntegrationTest
class FirstHourTest {

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
	JdbcClient jdbc;

	private String home(TestStaff who) throws Exception {
		return mvc.get()
			.uri("/")
			.with(who.signedIn())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The checklist's items in order, each "済" or "未" and its text. */
	private static String checklist(String page) {
		int start = page.indexOf("id=\"first-steps\"");
		if (start < 0) {
			return "";
		}
		String list = page.substring(start, page.indexOf("</ol>", start));
		return list.replaceAll("(?s)<p class=\"field__hint\".*?</p>", "")
			.replaceAll("<[^>]+>", " ")
			.replaceAll("\\s+", " ")
			.strip();
	}

	@Test
	void withoutAPermitEveryPageSaysWhyAndTheChecklistLeadsOn() throws Exception {
		long body = staff.bodyWithoutPermit();
		TestStaff manager = staff.manager(body);
		String first = checklist(home(manager));
		assertThat(first).contains("未 利用申請を出す（様式第1号）")
			.contains("未 システム管理者の利用許可を受ける")
			.contains("未 配信リストを作る")
			.contains("未 業務担当者を任命する")
			.contains("未 お知らせを自分にテスト送信する");
		assertThat(home(manager)).contains("is-next").contains("「氏名・メールアドレスの変更」で設定します");

		RegistrationList list = registration.list(manager);
		assertThat(mvc.get().uri("/lists/" + list.id()).with(manager.signedIn()).exchange()).bodyText()
			.contains("登録を受け付けていません: 利用許可がありません")
			.contains("利用申請（様式第1号）を出し")
			.doesNotContain("登録を受け付けています");
		assertThat(mvc.get().uri("/lists").with(manager.signedIn()).exchange()).bodyText().contains("利用許可がありません");
		assertThat(home(manager)).contains("利用許可がないため、配信リストは登録を受け付けていません");
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText()
			.contains("まだ準備中です")
			.contains("下の問い合わせ先");
		assertThat(mvc.get().uri("/notices/new").with(manager.signedIn()).exchange()).bodyText()
			.contains("今は配信できません: 実施機関に有効な利用許可がありません。");

		// the application starts from the list's seven items, and refuses the bare
		// template
		assertThat(mvc.get().uri("/applications/new").with(manager.signedIn()).exchange()).bodyText()
			.contains("配信リスト名: " + list.name())
			.contains("(1) 利用目的: 防災情報をお知らせするため")
			.contains("この実施機関の配信リストに書いてある内容から作りました");
		long applications = jdbc.sql("SELECT COUNT(*) FROM usage_application").query(Long.class).single();
		assertThat(post(mvc, manager, "/applications/new", "purpose", "防災情報の配信", "plannedLists",
				"配信リスト名:\n(1) 利用目的:\n(2) 運用期間:\n", "periodStart", "2026-04-01", "periodEnd", "2027-03-31",
				"expectedRegistrants", "100", "managerName", "試験 花子", "managerContact", "内線1234"))
			.bodyText()
			.contains("書かれていない項目が3つあります");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM usage_application").query(Long.class).single())
			.isEqualTo(applications);

		// permitted: the list takes registrations, the compose page is free, the steps
		// tick
		StaffFixtures.permit(permits, body);
		assertThat(mvc.get().uri("/lists/" + list.id()).with(manager.signedIn()).exchange()).bodyText()
			.contains("登録を受け付けています");
		assertThat(mvc.get().uri("/notices/new").with(manager.signedIn()).exchange()).bodyText()
			.doesNotContain("今は配信できません");
		assertThat(checklist(home(manager))).contains("済 利用申請を出す（様式第1号）")
			.contains("済 システム管理者の利用許可を受ける")
			.contains("済 配信リストを作る")
			.contains("済 配信リストが登録を受け付けている")
			.contains("未 最初の登録者を迎える");

		registration.registrant(list, "first.resident@example.jp", "最初 住民", "1年1組");
		staff.sender(manager);
		var sending = new NoticeFixtures.Sending(manager, manager, list, List.of("first.resident@example.jp"));
		long draft = notices.draft(sending).subject("はじめてのお知らせ").save();
		jdbc.sql("UPDATE staff_account SET email = 'manager@city.example.jp' WHERE id = :id")
			.param("id", manager.id())
			.update();
		assertThat(post(mvc, manager, "/notices/" + draft + "/test")).hasStatus3xxRedirection();
		assertThat(checklist(home(manager))).contains("済 最初の登録者を迎える")
			.contains("済 業務担当者を任命する")
			.contains("済 お知らせを自分にテスト送信する")
			.contains("未 最初のお知らせを配信する");
		notices.draft(sending).subject("配信するお知らせ").send();
		String done = home(manager);
		assertThat(done).doesNotContain("id=\"first-steps\"").contains("はじめの手順はすべて済んでいます");

		// another body's manager has its own path: nothing of this body ticks it
		assertThat(checklist(home(staff.manager(staff.bodyWithoutPermit())))).contains("未 配信リストを作る");
	}

	@Test
	void aPeriodNotBegunOrEndedIsSaidWithWhatToDo() throws Exception {
		TestStaff manager = staff.manager(staff.body());
		RegistrationList list = registration.list(manager);
		jdbc.sql("UPDATE registration_list SET period_start = CURRENT_DATE + INTERVAL '30' DAY WHERE id = :id")
			.param("id", list.id())
			.update();
		assertThat(mvc.get().uri("/lists/" + list.id()).with(manager.signedIn()).exchange()).bodyText()
			.contains("運用期間の前です")
			.contains("運用期間を変えてください");
		assertThat(home(manager)).contains("配信リスト「" + list.name() + "」は運用期間の前のため");
		jdbc.sql(
				"UPDATE registration_list SET period_start = CURRENT_DATE - INTERVAL '60' DAY, period_end = CURRENT_DATE - INTERVAL '1' DAY WHERE id = :id")
			.param("id", list.id())
			.update();
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).bodyText().contains("運用期間は終わりました");
	}

}
