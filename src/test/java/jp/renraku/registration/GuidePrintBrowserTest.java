package jp.renraku.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.browser.BrowserTest;
import jp.renraku.common.Contact;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration guide prints on exactly one A4 page in Chromium (portrait, the print
 * engine's own margins, no shrinking), for a list with the longest name, a purpose as
 * long as the guide prints whole, and a full contact: the page count is read from the
 * PDF.
 */
class GuidePrintBrowserTest extends BrowserTest {

	private static final Path PDFS = Path.of("target", "screenshots");

	/** A4 portrait in points, as PDF writes it (595.28 x 841.89, rounded by Chromium). */
	private static final Pattern MEDIA_BOX = Pattern
		.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)\\s*]");

	@Test
	void theGuideOfAListWithALongNameALongPurposeAndAFullContactPrintsOnOneA4Page() throws IOException {
		StaffFixtures staff = app.context().getBean(StaffFixtures.class);
		RegistrationManagement registration = app.context().getBean(RegistrationManagement.class);
		TestStaff manager = staff.manager(staff.body());
		String name = ("養父市立八鹿小学校・八鹿中学校・高柳小学校 保護者と地域の皆さまへの緊急連絡（気象警報・休校・不審者情報）" + "ほか学校からのお知らせ全般").repeat(3)
			.substring(0, 100);
		String sentence = "気象警報の発表や地震の際の休校・下校の判断、不審者の情報、学校行事の変更などを、保護者と地域の皆さまにすばやくお伝えするため。";
		// the longest purpose the guide prints whole, and one it must cut
		String whole = sentence.repeat(6).substring(0, GuideText.LINE * GuideText.LINES);
		String tooLong = (sentence + "\n").repeat(40).substring(0, 2000);
		RegistrationList list = list(registration, manager, name, whole);
		RegistrationList other = list(registration, manager, name.substring(1), tooLong);
		Contact contact = new Contact("教育委員会事務局 学校教育課 保健・安全担当（市役所本庁舎3階）", "079-662-7601", "平日（祝日と年末年始を除く）8時30分〜17時15分",
				"gakko-kyoiku.anzen@city.yabu.example.jp",
				"https://www.city.yabu.example.jp/soshiki/kyoiku/gakko/anzen/mail-haishin/toiawase.html");
		for (RegistrationList each : List.of(list, other)) {
			app.context()
				.getBean(ListSenders.class)
				.save(each.id(), new ListSenders.Override("養父市教育委員会 事務局 学校教育課（八鹿小学校・八鹿中学校・高柳小学校 担当）", null, contact),
						Instant.now());
		}

		signIn(manager.loginId(), StaffFixtures.PASSWORD);
		open("/lists/" + list.id() + "/guide");
		assertThat(heading()).contains(name);
		assertThat(browser.getPageSource()).contains(whole)
			.contains("発行: 養父市教育委員会 事務局 学校教育課")
			.contains("日 印刷")
			.contains("/r/" + registration.shortCode(manager.staff(), list.id()))
			.contains("renraku@localhost")
			.contains("bounce.example.jp")
			.contains("電話: 079-662-7601")
			.doesNotContain("続きは登録ページに載っています");
		// the QR code is on the right of the steps, as step 1 says
		var steps = browser.findElement(By.cssSelector(".guide__access ol")).getRect();
		var qr = browser.findElement(By.cssSelector(".guide__access img")).getRect();
		assertThat(qr.getX()).isGreaterThanOrEqualTo(steps.getX() + steps.getWidth());
		assertThat(printedPages("guide")).as("pages of the printed guide (target/screenshots/guide.pdf)").isEqualTo(1);

		open("/lists/" + other.id() + "/guide");
		assertThat(browser.getPageSource()).contains("続きは登録ページに載っています").doesNotContain(tooLong);
		assertThat(printedPages("guide-cut")).as("pages of the guide with a cut purpose").isEqualTo(1);
	}

	/**
	 * Prints the page as Chromium does on A4 paper, portrait, at full size, keeps the PDF
	 * in target/screenshots and counts its pages; the paper must be A4.
	 */
	private long printedPages(String name) throws IOException {
		PrintOptions options = new PrintOptions();
		options.setPageSize(new PageSize(29.7, 21.0));
		options.setOrientation(PrintOptions.Orientation.PORTRAIT);
		options.setShrinkToFit(false);
		byte[] pdf = Base64.getDecoder().decode(((PrintsPage) browser).print(options).getContent());
		Files.createDirectories(PDFS);
		Files.write(PDFS.resolve(name + ".pdf"), pdf);
		String text = new String(pdf, StandardCharsets.ISO_8859_1);
		Matcher box = MEDIA_BOX.matcher(text);
		assertThat(box.find()).as("the page has a media box").isTrue();
		assertThat(Double.parseDouble(box.group(1))).as("A4 width in points").isBetween(594.0, 597.0);
		assertThat(Double.parseDouble(box.group(2))).as("A4 height in points").isBetween(841.0, 843.0);
		return pages(text);
	}

	/** The page objects of a PDF ({@code /Type /Page}, not the {@code /Pages} tree). */
	static long pages(String pdf) {
		return Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(pdf).results().count();
	}

	private static RegistrationList list(RegistrationManagement registration, TestStaff manager, String name,
			String purpose) {
		ListRules rules = new ListRules(name, purpose, LocalDate.now().minusDays(1), LocalDate.now().plusYears(3),
				"登録URLとパスワードは学校から文書で配布し、年度ごとに変更します", "在校生の保護者と、学校の近くにお住まいの方", Verification.APPROVAL, "在校生の名簿と照合します",
				"卒業・転校したとき\n利用規程に反する使い方をしたとき", "通信事情による遅延について責任を負いません", true, true, false, true, false, "学年・組",
				List.of("1年1組", "1年2組"), List.of("気象警報", "休校・下校", "不審者情報"), 30, List.of());
		long id = registration.createList(manager.staff(), rules);
		return registration.list(manager.staff(), id);
	}

}
