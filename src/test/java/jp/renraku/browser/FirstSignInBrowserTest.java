package jp.renraku.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the city's staff do on day one, in a real browser the size of a phone: the system
 * administrator signs in with the password printed at start-up, is made to change it,
 * registers a body and designates its operations manager, who appoints a sender; each
 * signs in in turn.
 */
class FirstSignInBrowserTest extends BrowserTest {

	@Test
	void administratorSetsUpABodyItsManagerAndASender() {
		signIn("admin", app.printedPassword());
		changeForcedPassword(app.printedPassword(), "Shiro-no-sakura-2026");
		assertThat(heading()).isEqualTo("ホーム");
		assertFitsOnAPhone("01-admin-home");

		clickLink("実施機関");
		clickLink("実施機関を登録する");
		press("保存する");
		assertThat(browser.findElements(By.cssSelector(".field__error"))).isNotEmpty();
		type("name", "教育委員会");
		browser.findElement(By.xpath("//label[normalize-space()='教育委員会']")).click();
		press("保存する");
		assertThat(heading()).isEqualTo("教育委員会");
		assertFitsOnAPhone("02-body-created");

		clickLink("運用管理者を指定する");
		type("loginId", "kyoiku.suzuki");
		type("displayName", "鈴木 髙子");
		press("作成して初期パスワードを発行する");
		assertThat(heading()).isEqualTo("初期パスワードを発行しました");
		String managerPassword = browser.findElement(By.id("issued-password")).getText();
		assertFitsOnAPhone("03-manager-issued");
		signOut();

		signIn("kyoiku.suzuki", managerPassword);
		changeForcedPassword(managerPassword, "Umi-no-mieru-oka-77");
		assertThat(browser.getPageSource()).contains("運用管理者");

		clickLink("職員");
		clickLink("業務担当者を任命する");
		type("loginId", "kyoiku.tanaka");
		type("displayName", "田中 一郎");
		press("作成して初期パスワードを発行する");
		String senderPassword = browser.findElement(By.id("issued-password")).getText();
		signOut();

		signIn("kyoiku.tanaka", senderPassword);
		changeForcedPassword(senderPassword, "Kawa-no-nagare-ni-8");
		assertThat(browser.getPageSource()).contains("業務担当者");
		assertThat(browser.findElements(By.linkText("職員"))).isEmpty();
		assertFitsOnAPhone("04-sender-home");
		signOut();

		// the operations manager applies for use (Art. 6) and the administrator approves
		signIn("kyoiku.suzuki", "Umi-no-mieru-oka-77");
		clickLink("利用申請");
		clickLink("申請書を作成する");
		type("purpose", "保護者・教職員への緊急連絡のため");
		// the bare template of Art. 7's items is refused: each item is written
		type("plannedLists", "配信リスト名: 緊急連絡\n(1) 利用目的: 休校・安否確認\n(2) 運用期間: 1年\n(3) 登録URL・パスワードの管理方法: 文書で配布\n"
				+ "(4) 登録対象者: 保護者\n(5) 本人確認の方法: メールアドレスの確認\n(6) 登録の削除基準: 卒業\n(7) 免責事項: 遅延の責任を負わない");
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
		String nextYear = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(1).toString();
		setValue("periodStart", today);
		setValue("periodEnd", nextYear);
		type("expectedRegistrants", "800");
		type("managerName", "鈴木 髙子");
		type("managerContact", "教育総務課 内線2345");
		type("handlingRules", "登録者の個人情報は施錠した書庫で保管し、持ち出さない。");
		press("下書きを保存する");
		assertThat(heading()).startsWith("利用申請 第");
		press("提出する");
		assertThat(browser.getPageSource()).contains("審査中");
		assertFitsOnAPhone("05-application-submitted");
		signOut();

		signIn("admin", "Shiro-no-sakura-2026");
		clickLink("利用申請");
		andWaitForNextPage(() -> browser.findElement(By.cssSelector("table a")).click());
		type("conditions", "年1回、運用状況を報告すること");
		press("承認して許可書を交付する");
		assertThat(heading()).isEqualTo("連絡システム利用許可書");
		assertThat(browser.getPageSource()).contains("教育委員会 様").contains("令和").contains("年1回、運用状況を報告すること");
		assertFitsOnAPhone("06-permit");
	}

	/**
	 * Sets a date field as the browser's date picker would, whatever its locale's format.
	 */
	private void setValue(String id, String value) {
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
				browser.findElement(By.id(id)), value);
	}

	@Test
	void signInPageWorksInEnglishToo() {
		open("/login?lang=en");
		assertThat(heading()).isEqualTo("Staff sign-in");
		open("/login?lang=ja");
		assertThat(heading()).isEqualTo("職員ログイン");
	}

}
