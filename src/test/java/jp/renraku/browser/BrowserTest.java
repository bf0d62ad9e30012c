package jp.renraku.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jp.renraku.browser.BrowserSupport.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser tests: one Renraku and one phone-sized Chromium per test class, and
 * the few moves a person makes (open, type, press, follow a link), each waiting for the
 * next page.
 */
@Tag("browser")
@ExtendWith(BrowserSupport.ScreenshotOnFailure.class)
public abstract class BrowserTest {

	protected static RunningApp app;

	protected static WebDriver browser;

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

	protected void open(String path) {
		browser.get(app.baseUrl() + path);
	}

	protected void type(String id, String text) {
		var field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	/** Clicks and waits for the next page, so that what follows reads the new page. */
	protected void andWaitForNextPage(Runnable click) {
		var page = browser.findElement(By.tagName("html"));
		click.run();
		// the old page's root goes stale once the next page has replaced it; while
		// Chromium swaps
		// documents it may also answer that the node no longer belongs to the document
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
			try {
				page.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				return ex.getMessage() != null && ex.getMessage().contains("does not belong to the document");
			}
		});
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(
				driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	protected void press(String buttonText) {
		andWaitForNextPage(
				() -> browser.findElement(By.xpath("//main//button[normalize-space()='" + buttonText + "']")).click());
	}

	protected void clickLink(String linkText) {
		andWaitForNextPage(() -> browser.findElement(By.linkText(linkText)).click());
	}

	protected String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	protected void signIn(String loginId, String password) {
		open("/login");
		type("username", loginId);
		type("password", password);
		press("ログイン");
	}

	protected void changeForcedPassword(String current, String next) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account/password"));
		assertThat(browser.getPageSource()).contains("初期パスワードでログインしています");
		type("currentPassword", current);
		type("newPassword", next);
		type("confirmPassword", next);
		press("変更する");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("パスワードを変更しました");
	}

	protected void signOut() {
		andWaitForNextPage(() -> browser.findElement(By.xpath("//header//button[normalize-space()='ログアウト']")).click());
		assertThat(browser.getPageSource()).contains("ログアウトしました");
	}

	/** axe-core, from its WebJar on the test classpath, to run in a page. */
	protected static String axe() throws IOException {
		try (InputStream in = BrowserTest.class
			.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
			assertThat(in).as("axe-core's WebJar on the test classpath").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * The page's serious and critical axe findings (WCAG 2.1 A and AA), one line each.
	 */
	protected List<String> findings(String path, String axe) {
		open(path);
		return findingsHere(path, axe);
	}

	/** As {@link #findings}, on the page as it is now. */
	@SuppressWarnings("unchecked")
	protected List<String> findingsHere(String path, String axe) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript(axe);
		Object found = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
				  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
				    .map(v => v.id + ' ×' + v.nodes.length + ' ' + JSON.stringify(v.nodes[0].target))))
				  .catch(e => done(['axe failed: ' + e]));
				""");
		List<String> lines = new ArrayList<>();
		for (Object line : (List<Object>) found) {
			lines.add(path + ": " + line);
		}
		return lines;
	}

	protected void assertFitsOnAPhone(String step) {
		long overflow = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
		assertThat(overflow).as(step + ": page wider than the phone screen").isLessThanOrEqualTo(0);
		BrowserSupport.screenshot(browser, step);
	}

}
