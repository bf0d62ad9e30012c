package jp.renraku.notice;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.confirmation.ConfirmationFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.notice.NoticeFixtures.residents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At 360 px the results tables scroll sideways inside their wrap: on the notice page and
 * the list of those who responded, every wrap is a focusable region labelled by an
 * element the page has (issue 16; axe: scrollable-region-focusable).
 */
@RenrakuIntegrationTest
class ResultTablesTest {

	private static final Pattern WRAP = Pattern.compile("<div class=\"table-wrap\"([^>]*)>");

	private static final Pattern LABELLED_BY = Pattern.compile("aria-labelledby=\"([^\"]+)\"");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	private String page(Sending sending, String uri) throws Exception {
		var result = mvc.get().uri(uri).with(sending.sender().signedIn()).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static int assertRegions(String html) {
		Matcher wrap = WRAP.matcher(html);
		int count = 0;
		while (wrap.find()) {
			String attributes = wrap.group(1);
			assertThat(attributes).contains("tabindex=\"0\"").contains("role=\"region\"");
			Matcher label = LABELLED_BY.matcher(attributes);
			assertThat(label.find()).as(attributes).isTrue();
			String id = label.group(1);
			assertThat(html).as("the label of " + attributes).containsPattern("\\sid=\"" + Pattern.quote(id) + "\"");
			count++;
		}
		return count;
	}

	@Test
	void theResultsTheProgressScriptLoadsAreAWholeDocumentWithLanguageAndTitle() throws Exception {
		Sending sending = notices.sending(residents("a@example.jp"));
		long id = notices.draft(sending).subject("運動会のお知らせ").askConfirmation().send();
		String alone = page(sending, "/notices/" + id + "/results");
		assertThat(alone).startsWith("<!DOCTYPE html>")
			.containsPattern("<html lang=\"ja\"")
			.containsPattern("<title>受信確認・回答の状況 \\| 運動会のお知らせ \\| [^<]+</title>")
			.contains("<div class=\"results\"")
			.contains("id=\"results-sent\">1<");
		assertThat(page(sending, "/notices/" + id + "/results?lang=en")).containsPattern("<html lang=\"en\"")
			.contains("<title>Confirmations and answers | ");
		// the notice page still holds the box once, inside its own document
		String detail = page(sending, "/notices/" + id);
		assertThat(detail.split("<html", -1)).hasSize(2);
		assertThat(detail.split("class=\"results\"", -1)).hasSize(2);
	}

	@Test
	void theNoticePagesAndTheRespondedListsTablesAreFocusableLabelledRegions() throws Exception {
		Sending sending = notices.sending(residents("a@example.jp", "b@example.jp"));
		long id = notices.safetyDraft(sending).askConfirmation().send();
		assertThat(confirm.answer(confirm.link(sending.addresses().get(0)), "q1", "無事")).hasStatusOk();

		// the summary, two questions and the breakdowns by list and affiliation
		assertThat(assertRegions(page(sending, "/notices/" + id))).isGreaterThanOrEqualTo(4);
		assertThat(assertRegions(page(sending, "/notices/" + id + "/recipients?show=RESPONDED"))).isEqualTo(1);
	}

}
