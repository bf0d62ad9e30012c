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
	}

	@Test
	void signInPageWorksInEnglishToo() {
		open("/login?lang=en");
		assertThat(heading()).isEqualTo("Staff sign-in");
		open("/login?lang=ja");
		assertThat(heading()).isEqualTo("職員ログイン");
	}

}
