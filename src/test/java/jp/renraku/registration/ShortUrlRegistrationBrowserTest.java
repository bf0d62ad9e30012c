package jp.renraku.registration;

import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jp.renraku.account.StaffFixtures;
import jp.renraku.browser.BrowserTest;
import jp.renraku.mail.MailSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident on the smallest phone (320 px) types the short URL from the printed guide by
 * hand, in small letters and with the dash, sees the address to allow before the
 * confirmation mail is sent, and registers through the link in that mail, which comes
 * from that address; later stops through the page that asks once more, and the old
 * personal link answers the stopped page.
 */
class ShortUrlRegistrationBrowserTest extends BrowserTest {

	@BeforeEach
	void smallestPhone() {
		browser.manage().window().setSize(new Dimension(320, 568));
	}

	@AfterEach
	void usualPhone() {
		browser.manage().window().setSize(new Dimension(390, 844));
	}

	@Test
	void residentTypesTheShortUrlSeesTheAddressToAllowAndRegisters() throws AddressException {
		StaffFixtures staff = app.context().getBean(StaffFixtures.class);
		RegistrationFixtures fixtures = app.context().getBean(RegistrationFixtures.class);
		RegistrationManagement registration = app.context().getBean(RegistrationManagement.class);
		var manager = staff.manager(staff.body());
		RegistrationList list = fixtures.list(manager);
		String code = registration.shortCode(manager.staff(), list.id());
		String from = app.context().getBean(MailSettings.class).fromAddress();

		open("/r/" + code.toLowerCase(Locale.ROOT));
		assertThat(heading()).contains(list.name());
		assertFitsOnAPhone("20-short-url-start-320");

		type("password", list.registrationPassword());
		browser.findElement(By.cssSelector("label[for=agree]")).click();
		String email = StaffFixtures.unique("jiro").toLowerCase(Locale.ROOT) + "@ezweb.ne.jp";
		type("email", email);
		// where the address is typed, the address to allow is on the screen too
		WebElement field = browser.findElement(By.id("email"));
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(false)", field);
		WebElement allow = browser.findElement(By.id("allow-from"));
		assertThat(allow.getText()).isEqualTo(from);
		assertThat(onScreen(allow)).as("the address to allow is on the screen with the address field").isTrue();
		assertThat(browser.findElement(By.id("allow-domain")).getText()).isEqualTo("bounce.example.jp");
		assertFitsOnAPhone("21-short-url-allow-list-320");
		// the carriers' steps open without script
		browser.findElement(By.cssSelector("#allow-list summary")).click();
		assertThat(browser.findElement(By.cssSelector("#allow-list dl")).isDisplayed()).isTrue();
		assertFitsOnAPhone("22-short-url-carrier-steps-320");

		press("確認メールを送る");
		assertThat(heading()).isEqualTo("確認メールを送りました");
		assertThat(browser.findElement(By.id("allow-from")).getText()).isEqualTo(from);
		assertFitsOnAPhone("23-short-url-sent-320");

		var mail = fixtures.mailTo(email);
		assertThat(InternetAddress.parseHeader(mail.from(), false)[0].getAddress()).as("the mail comes from it")
			.isEqualTo(from);
		open(RegistrationFixtures.link(mail, "/r/"));
		assertThat(heading()).contains("登録内容の入力");
		type("name", "山田 次郎");
		type("furigana", "やまだ じろう");
		browser.findElement(By.xpath("//label[normalize-space()='1年1組']")).click();
		press("登録する");
		assertThat(heading()).isEqualTo("登録が完了しました");
		assertFitsOnAPhone("24-short-url-done-320");
		assertThat(app.context()
			.getBean(JdbcClient.class)
			.sql("SELECT COUNT(*) FROM registrant WHERE list_id = :list")
			.params(Map.of("list", list.id()))
			.query(Long.class)
			.single()).isEqualTo(1);

		// later: the personal link of the welcome mail, stopped through the page that
		// asks
		// once more; the old link then answers that mail has stopped
		String manage = RegistrationFixtures.link(fixtures.mailTo(email), "/m/");
		open(manage);
		clickLink("配信を停止する");
		assertThat(heading()).isEqualTo("配信を停止しますか");
		assertFitsOnAPhone("25-short-url-stop-confirm-320");
		press("停止して情報を消去する");
		assertThat(heading()).isEqualTo("配信を停止しました");
		open(manage);
		assertThat(heading()).isEqualTo("配信を停止しました");
		assertThat(browser.findElements(By.cssSelector("a[href='/'], a[href*='/login']"))).isEmpty();
		assertFitsOnAPhone("26-short-url-old-link-320");
	}

	private boolean onScreen(WebElement element) {
		return (Boolean) ((JavascriptExecutor) browser).executeScript(
				"var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
				element);
	}

}
