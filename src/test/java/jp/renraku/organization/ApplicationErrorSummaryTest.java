package jp.renraku.organization;

import java.nio.charset.StandardCharsets;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The usage application (様式第1号) is a long form: what is wrong is summed up at its top,
 * each item a link to its field, with the focus there (no script).
 */
@RenrakuIntegrationTest
class ApplicationErrorSummaryTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Test
	void anIncompleteApplicationIsSummedUpAtTheTopWithALinkToEachField() throws Exception {
		TestStaff manager = staff.manager(staff.bodyWithoutPermit());
		String page = mvc.post()
			.uri("/applications/new")
			.multipart()
			.param("purpose", "")
			.param("plannedLists", "配信リスト名: 保護者連絡")
			.param("expectedRegistrants", "800")
			.param("managerName", "教育 花子")
			.param("managerContact", "教育総務課 内線2345")
			.with(manager.signedIn())
			.with(csrf())
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		int summary = page.indexOf("class=\"error-summary\"");
		assertThat(summary).as("summary").isPositive().isLessThan(page.indexOf("id=\"purpose\""));
		assertThat(page.substring(summary, page.indexOf("</div>", summary))).contains("role=\"alert\"")
			.contains("<a href=\"#purpose\">利用目的：入力してください。</a>")
			.contains("<a href=\"#periodStart\">")
			.contains("<a href=\"#periodEnd\">");
	}

}
