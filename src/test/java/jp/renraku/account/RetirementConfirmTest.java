package jp.renraku.account;

import java.nio.charset.StandardCharsets;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring ends a person's access at once, so the account's page and the review's ticked
 * accounts first lead to a page of their own (no script) that names who loses access;
 * only its POST retires. Another body's manager gets 404 on both and retires nobody.
 */
@RenrakuIntegrationTest
class RetirementConfirmTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	TestStaff first;

	TestStaff second;

	@BeforeEach
	void aManagerAndTwoSenders() {
		manager = staff.manager(staff.body());
		first = staff.sender(manager);
		second = staff.sender(manager);
	}

	private String state(TestStaff who) {
		return jdbc.sql("SELECT state FROM staff_account WHERE id = :id")
			.param("id", who.id())
			.query(String.class)
			.single();
	}

	private String page(MvcTestResult result) throws Exception {
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theAccountsRetireButtonLeadsToAPageThatNamesWhoLosesAccess() throws Exception {
		String detail = page(mvc.get().uri("/staff/" + first.id()).with(manager.signedIn()).exchange());
		assertThat(detail).contains("href=\"/staff/" + first.id() + "/retire\"")
			.doesNotContain("action=\"/staff/" + first.id() + "/retire\"");

		String confirmation = page(
				mvc.get().uri("/staff/" + first.id() + "/retire").with(manager.signedIn()).exchange());
		assertThat(confirmation).contains("このアカウントを退職（利用停止）にしますか")
			.contains("（" + first.loginId() + "）を退職（利用停止）にします。")
			.contains("ログインできなくなり")
			.contains("action=\"/staff/" + first.id() + "/retire\" method=\"post\"")
			.contains("href=\"/staff/" + first.id() + "\"")
			.doesNotContain("id=\"handOverTo\"");
		assertThat(state(first)).isEqualTo("ACTIVE");

		assertThat(post(mvc, manager, "/staff/" + first.id() + "/retire")).flash()
			.containsEntry("flashMessage", "account.retired");
		assertThat(state(first)).isEqualTo("RETIRED");
	}

	@Test
	void anAccountWithOpenWorkIsAskedWhoTakesItOnTheConfirmationPage() throws Exception {
		notices.draft(first, registration.list(manager)).subject("引き継ぐ下書き").save();
		String confirmation = page(
				mvc.get().uri("/staff/" + first.id() + "/retire").with(manager.signedIn()).exchange());
		assertThat(confirmation).contains("未完了のお知らせが1件あります")
			.contains("id=\"handOverTo\"")
			.contains("value=\"" + second.id() + "\"");
		assertThat(post(mvc, manager, "/staff/" + first.id() + "/retire", "handOverTo", String.valueOf(second.id())))
			.flash()
			.containsEntry("flashMessage", "account.retired");
		assertThat(state(first)).isEqualTo("RETIRED");
	}

	@Test
	void theReviewsTickedAccountsAreCountedAndNamedBeforeAnyoneIsRetired() throws Exception {
		notices.draft(second, registration.list(manager)).subject("引き継ぐ下書き").save();
		String confirmation = page(mvc.get()
			.uri("/staff/review/retire")
			.param("ids", String.valueOf(first.id()), String.valueOf(second.id()))
			.with(manager.signedIn())
			.exchange());
		assertThat(confirmation).contains("選んだアカウントを退職（利用停止）にしますか")
			.contains("1人のアカウントを退職（利用停止）にします。")
			.contains(first.loginId())
			.contains(second.loginId())
			.contains("未完了のお知らせが1件あるため、退職にしません")
			.contains("action=\"/staff/review/retire\" method=\"post\"")
			.contains("name=\"ids\" value=\"" + first.id() + "\"")
			.contains(">1人を退職（利用停止）にする<")
			.contains("href=\"/staff/review\"");
		assertThat(state(first)).isEqualTo("ACTIVE");
		assertThat(state(second)).isEqualTo("ACTIVE");

		assertThat(post(mvc, manager, "/staff/review/retire", "ids", String.valueOf(first.id()), "ids",
				String.valueOf(second.id())))
			.flash()
			.containsEntry("flashMessage", "review.retiredSome");
		assertThat(state(first)).isEqualTo("RETIRED");
		assertThat(state(second)).isEqualTo("ACTIVE");
	}

	@Test
	void choosingNobodyGoesBackToTheReview() {
		assertThat(mvc.get().uri("/staff/review/retire").with(manager.signedIn()).exchange())
			.hasRedirectedUrl("/staff/review")
			.flash()
			.containsEntry("flashError", "review.error.noneChosen");
	}

	@Test
	void anotherBodysManagerGets404OnTheConfirmationPagesAndTheRetirementAndRetiresNobody() {
		TestStaff stranger = staff.manager(staff.body());
		assertThat(mvc.get().uri("/staff/" + first.id() + "/retire").with(stranger.signedIn()).exchange())
			.hasStatus(404);
		assertThat(mvc.get()
			.uri("/staff/review/retire")
			.param("ids", String.valueOf(first.id()))
			.with(stranger.signedIn())
			.exchange()).hasStatus(404);
		assertThat(post(mvc, stranger, "/staff/" + first.id() + "/retire")).hasStatus(404);
		assertThat(post(mvc, stranger, "/staff/review/retire", "ids", String.valueOf(first.id()))).hasStatus(404);
		assertThat(state(first)).isEqualTo("ACTIVE");
	}

}
