package jp.renraku.registration;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StaffRequests;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.RenrakuProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The short registration URL of the printed guide ({@code /r/ABCD-EFGH}, issue 14): read
 * as people type it, the same list as the long token, which keeps working; not changed
 * when the password is.
 */
@RenrakuIntegrationTest
class ShortUrlTest {

	private static final String CODE = "[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	RegistrationManagement registration;

	@Autowired
	RenrakuProperties properties;

	TestStaff manager;

	RegistrationList list;

	String code;

	@BeforeEach
	void aList() {
		manager = staff.manager(staff.body());
		list = fixtures.list(manager);
		code = registration.shortCode(manager.staff(), list.id());
		fixtures.resetAttempts();
	}

	@Test
	void theShortCodeOpensTheListInAnyCaseWithADashSpaceOrFullWidth() {
		String plain = code.replace("-", "");
		String fullWidth = code.chars()
			.map(c -> c == '-' ? '－' : c + 0xFEE0)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		for (String typed : new String[] { code, code.toLowerCase(Locale.ROOT), plain.toLowerCase(Locale.ROOT),
				code.replace("-", " "), fullWidth, code.toLowerCase(Locale.ROOT).replace("-", "ー") }) {
			assertThat(mvc.get().uri("/r/{code}", typed).exchange()).as(typed)
				.hasStatusOk()
				.bodyText()
				.contains(list.name())
				.contains("防災情報をお知らせするため");
		}
	}

	@Test
	void theLongTokenStillWorksAndUnknownCodesAreNotFound() {
		assertThat(mvc.get().uri("/r/" + list.publicToken()).exchange()).hasStatusOk().bodyText().contains(list.name());
		assertThat(mvc.get().uri("/r/2222-2222").exchange()).hasStatus(404);
		// look-alikes are not in the alphabet: a code with them is no code
		assertThat(mvc.get().uri("/r/" + code.substring(0, 8) + "0").exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/r/" + code.substring(0, 8)).exchange()).hasStatus(404);
	}

	@Test
	void aResidentRegistersFromTheShortUrl() {
		String email = StaffFixtures.unique("short") + "@example.jp";
		assertThat(mvc.post()
			.uri("/r/{code}", code.toLowerCase(Locale.ROOT))
			.with(csrf())
			.param("password", list.registrationPassword())
			.param("agree", "yes")
			.param("email", email)
			.exchange()).hasStatusOk().bodyText().contains("確認メールを送りました");
		String link = RegistrationFixtures.link(fixtures.mailTo(email), "/r/");
		assertThat(link).as("the mail's link names the list by its long token").startsWith("/r/" + list.publicToken());
		assertThat(mvc.get().uri(link).exchange()).hasStatusOk().bodyText().contains("登録内容の入力");
	}

	@Test
	void everyListHasItsOwnCodeFromTheAlphabetAndThePasswordChangeKeepsIt() {
		Set<String> codes = new HashSet<>();
		codes.add(code);
		for (int i = 0; i < 5; i++) {
			RegistrationList another = fixtures.list(manager);
			codes.add(registration.shortCode(manager.staff(), another.id()));
		}
		assertThat(codes).hasSize(6).allMatch(c -> c.matches(CODE));

		assertThat(StaffRequests.post(mvc, manager, "/lists/" + list.id() + "/rotate-password"))
			.hasRedirectedUrl("/lists/" + list.id());
		assertThat(registration.list(manager.staff(), list.id()).registrationPassword())
			.isNotEqualTo(list.registrationPassword());
		assertThat(registration.shortCode(manager.staff(), list.id())).isEqualTo(code);
	}

	@Test
	void theListPageAndTheGuideShowTheShortUrl() {
		String shortUrl = properties.baseUrl() + "/r/" + code;
		assertThat(mvc.get().uri("/lists/" + list.id()).with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains(shortUrl)
			.contains(list.publicToken());
		assertThat(mvc.get().uri("/lists/" + list.id() + "/guide").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains(shortUrl)
			.doesNotContain(list.publicToken())
			.contains("右のQRコード");
	}

}
