package jp.renraku.account;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Art. 11-1-2 through the pages: the review lists unused accounts, expired passwords and
 * accounts past their leaving date; bulk retirement; a leaving sender's open notices
 * handed to a colleague; another body's accounts never appear.
 */
@RenrakuIntegrationTest
class AccountReviewTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	TestStaff idle;

	TestStaff expired;

	TestStaff leaving;

	TestStaff active;

	@BeforeEach
	void aBodyWithAccountsToReview() {
		manager = staff.manager(staff.body());
		idle = staff.sender(manager);
		expired = staff.sender(manager);
		leaving = staff.sender(manager);
		active = staff.sender(manager);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		set("last_sign_in_at = :t", idle, now.minusDays(120));
		set("last_sign_in_at = :t", expired, now.minusDays(1));
		set("password_changed_at = :t", expired, now.minusDays(200));
		set("last_sign_in_at = :t", leaving, now.minusDays(1));
		set("last_sign_in_at = :t", active, now.minusDays(1));
		jdbc.sql("UPDATE staff_account SET leaves_on = :d WHERE id = :id")
			.param("d", LocalDate.now().minusDays(1))
			.param("id", leaving.id())
			.update();
	}

	private void set(String assignment, TestStaff who, OffsetDateTime value) {
		jdbc.sql("UPDATE staff_account SET " + assignment + " WHERE id = :id")
			.param("t", value)
			.param("id", who.id())
			.update();
	}

	private String review(TestStaff who, int days) throws Exception {
		MvcTestResult page = mvc.get().uri("/staff/review?days=" + days).with(who.signedIn()).exchange();
		assertThat(page).hasStatusOk();
		return page.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private String section(String page, String heading) {
		int start = page.indexOf("<h2>" + heading);
		assertThat(start).as(heading).isNotNegative();
		int end = page.indexOf("<h2", start + 1);
		return page.substring(start, end < 0 ? page.length() : end);
	}

	@Test
	void theReviewFindsUnusedExpiredAndLeftAccounts() throws Exception {
		String page = review(manager, 90);
		assertThat(section(page, "90日以上ログインしていないアカウント")).contains(idle.loginId()).doesNotContain(active.loginId());
		assertThat(section(page, "パスワードの期限が切れているアカウント")).contains(expired.loginId()).doesNotContain(idle.loginId());
		assertThat(section(page, "退職・異動予定日を過ぎても有効なアカウント")).contains(leaving.loginId()).doesNotContain(active.loginId());
		// a shorter period finds nothing new here; a longer one drops the idle account
		assertThat(section(review(manager, 180), "180日以上ログインしていないアカウント")).doesNotContain(idle.loginId());
		// a real sign-in is recorded, and takes the account off the unused list
		assertThat(mvc.post()
			.uri("/login")
			.param("username", idle.loginId())
			.param("password", idle.password())
			.with(csrf())
			.exchange()).hasRedirectedUrl("/");
		assertThat(section(review(manager, 90), "90日以上ログインしていないアカウント")).doesNotContain(idle.loginId());
		assertThat(jdbc.sql("SELECT last_sign_in_at IS NOT NULL FROM staff_account WHERE id = :id")
			.param("id", idle.id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void chosenAccountsAreRetiredAtOnceButNotThoseWithOpenWork() throws Exception {
		RegistrationList list = registration.list(manager);
		// the leaving sender has a draft
		notices.draft(leaving, list).subject("引き継ぐ下書き").save();
		MvcTestResult result = mvc.post()
			.uri("/staff/review/retire")
			.with(manager.signedIn())
			.with(csrf())
			.param("ids", String.valueOf(idle.id()), String.valueOf(leaving.id()), String.valueOf(idle.id()))
			.exchange();
		assertThat(result).hasRedirectedUrl("/staff/review")
			.flash()
			.containsEntry("flashMessage", "review.retiredSome");
		assertThat(state(idle)).isEqualTo("RETIRED");
		assertThat(state(leaving)).isEqualTo("ACTIVE");

		// on the account's page: retiring without a colleague is refused; with one, the
		// draft moves
		assertThat(
				mvc.post().uri("/staff/" + leaving.id() + "/retire").with(manager.signedIn()).with(csrf()).exchange())
			.flash()
			.containsEntry("flashError", "account.error.openWork");
		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.post()
			.uri("/staff/" + leaving.id() + "/retire")
			.with(manager.signedIn())
			.with(csrf())
			.param("handOverTo", String.valueOf(stranger.id()))
			.exchange()).flash().containsEntry("flashError", "account.error.handOverTarget");
		assertThat(mvc.post()
			.uri("/staff/" + leaving.id() + "/retire")
			.with(manager.signedIn())
			.with(csrf())
			.param("handOverTo", String.valueOf(active.id()))
			.exchange()).flash().containsEntry("flashMessage", "account.retired");
		assertThat(state(leaving)).isEqualTo("RETIRED");
		assertThat(jdbc.sql("SELECT author_id FROM notice WHERE subject = '引き継ぐ下書き' AND body_id = :b")
			.param("b", list.bodyId())
			.query(Long.class)
			.single()).isEqualTo(active.id());
		assertThat(mvc.get().uri("/notices").with(active.signedIn()).exchange()).bodyText().contains("引き継ぐ下書き");
		assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE action = 'ACCOUNT_RETIRED' AND target = :t")
			.param("t", "account:" + leaving.loginId())
			.query(String.class)
			.single()).isEqualTo("handed-over:1 to:" + active.loginId());
	}

	@Test
	void theLeavingDateIsSetOnTheAccountPageAndAnotherBodysAccountsNeverAppear() throws Exception {
		assertThat(mvc.post()
			.uri("/staff/" + active.id() + "/leaves-on")
			.with(manager.signedIn())
			.with(csrf())
			.param("leavesOn", LocalDate.now().toString())
			.exchange()).flash().containsEntry("flashMessage", "account.leavesOnSaved");
		assertThat(section(review(manager, 90), "退職・異動予定日を過ぎても有効なアカウント")).contains(active.loginId());

		TestStaff stranger = staff.manager(staff.body());
		assertThat(review(stranger, 30)).doesNotContain(idle.loginId()).doesNotContain(leaving.loginId());
		assertThat(mvc.post()
			.uri("/staff/review/retire")
			.with(stranger.signedIn())
			.with(csrf())
			.param("ids", String.valueOf(active.id()))
			.exchange()).hasStatus(404);
		assertThat(mvc.post()
			.uri("/staff/" + active.id() + "/leaves-on")
			.with(stranger.signedIn())
			.with(csrf())
			.param("leavesOn", "2020-01-01")
			.exchange()).hasStatus(404);
		assertThat(state(active)).isEqualTo("ACTIVE");
		// senders have no review
		assertThat(mvc.get().uri("/staff/review").with(active.signedIn()).exchange()).hasStatus(403);
		// the system administrator sees every body's findings
		assertThat(review(staff.systemAdmin(), 90)).contains(idle.loginId()).contains(leaving.loginId());
	}

	private String state(TestStaff who) {
		return jdbc.sql("SELECT state FROM staff_account WHERE id = :id")
			.param("id", who.id())
			.query(String.class)
			.single();
	}

}
