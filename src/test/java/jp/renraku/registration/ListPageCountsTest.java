package jp.renraku.registration;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list page's button to the registrants says how many there are and how many wait for
 * approval, read from the real rows: 0 when there are none, never 「null人」 (issue 16).
 */
@RenrakuIntegrationTest
class ListPageCountsTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	TestStaff manager;

	@BeforeEach
	void aManager() {
		manager = staff.manager(staff.body());
	}

	private AbstractStringAssert<?> listPage(RegistrationList list) {
		return assertThat(mvc.get().uri("/lists/" + list.id()).with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText();
	}

	@Test
	void aListWithoutRegistrantsCountsZeroOfEach() {
		listPage(fixtures.list(manager)).contains("登録者（0人、承認待ち0人）").doesNotContain("null");
	}

	@Test
	void theButtonCountsActiveAndPendingRegistrants() {
		RegistrationList open = fixtures.list(manager);
		fixtures.registrant(open, StaffFixtures.unique("a") + "@example.jp", "青木 一郎", "1年1組");
		fixtures.registrant(open, StaffFixtures.unique("b") + "@example.jp", "佐藤 二郎", "1年1組");
		listPage(open).contains("登録者（2人、承認待ち0人）");

		RegistrationList approved = fixtures.list(manager, Verification.APPROVAL);
		fixtures.registrant(approved, StaffFixtures.unique("c") + "@example.jp", "鈴木 三郎", "1年1組");
		listPage(approved).contains("登録者（0人、承認待ち1人）");
	}

}
