package jp.renraku.browser;

import java.time.Duration;

import jp.renraku.browser.BrowserSupport.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the city's staff do on day one, in a real browser the size of a phone: the system
 * administrator signs in with the password printed at start-up, is made to change it,
 * registers a body and designates its operations manager, who appoints a sender; each
 * signs in in turn.
 */
@Tag("browser")
@ExtendWith(BrowserSupport.ScreenshotOnFailure.class)
class FirstSignInBrowserTest {

	private static RunningApp app;

	private static WebDriver browser;

	@BeforeAll
	static void start() throws Exception {
		browser = BrowserSupport.chromium();
		BrowserSupport.ScreenshotOnFailure.current = browser;
		app = BrowserSupport.startApp();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	private void open(String path) {
		browser.get(app.baseUrl() + path);
	}

	private void type(String id, String text) {
		var field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	/** Clicks and waits for the next page, so that what follows reads the new page. */
	private void andWaitForNextPage(Runnable click) {
		var page = browser.findElement(By.tagName("html"));
		click.run();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(page));
	}

	private void press(String buttonText) {
		andWaitForNextPage(
				() -> browser.findElement(By.xpath("//main//button[normalize-space()='" + buttonText + "']")).click());
	}

	private void clickLink(String linkText) {
		andWaitForNextPage(() -> browser.findElement(By.linkText(linkText)).click());
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private void signIn(String loginId, String password) {
		open("/login");
		type("username", loginId);
		type("password", password);
		press("ログイン");
	}

	private void changeForcedPassword(String current, String next) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account/password"));
		assertThat(browser.getPageSource()).contains("初期パスワードでログインしています");
		type("currentPassword", current);
		type("newPassword", next);
		type("confirmPassword", next);
		press("変更する");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("パスワードを変更しました");
	}

	private void signOut() {
		andWaitForNextPage(() -> browser.findElement(By.xpath("//header//button[normalize-space()='ログアウト']")).click());
		assertThat(browser.getPageSource()).contains("ログアウトしました");
	}

	private void assertFitsOnAPhone(String step) {
		long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
		assertThat(overflow).as(step + ": page wider than the phone screen").isLessThanOrEqualTo(0);
		BrowserSupport.screenshot(browser, step);
	}

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
