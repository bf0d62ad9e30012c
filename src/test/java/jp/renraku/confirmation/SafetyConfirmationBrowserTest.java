package jp.renraku.confirmation;

import java.time.Duration;
import java.util.List;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.browser.BrowserTest;
import jp.renraku.delivery.Outbox;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an earthquake: a sender starts from the safety-confirmation set, sends it;
 * residents open the link in their mail on a phone and answer (one forgets the required
 * question first); the sender watches the figures change without reloading, lists who has
 * not answered and reminds them; the last resident answers through the reminder.
 */
class SafetyConfirmationBrowserTest extends BrowserTest {

	private void answer(String link, String choice) {
		open(link);
		assertThat(heading()).isEqualTo("回答");
		browser.findElement(By.xpath("//label[normalize-space()='" + choice + "']")).click();
		press("回答を送信する");
		assertThat(heading()).isEqualTo("ありがとうございました");
	}

	/**
	 * 「N人に配信する」 on the notice's page, then, on the page that asks once more, the button
	 * that sends.
	 */
	private void send(String people) {
		clickLink(people + "に配信する");
		assertThat(heading()).isEqualTo("このお知らせを配信しますか");
		assertThat(browser.findElement(By.id("recipient-count")).getText()).isEqualTo(people);
		press(people + "に配信する");
	}

	@Test
	void residentsAnswerOnPhonesTheSenderWatchesAndRemindsTheRest() {
		var beans = app.context().getAutowireCapableBeanFactory();
		StaffFixtures staff = beans.createBean(StaffFixtures.class);
		RegistrationFixtures registration = beans.createBean(RegistrationFixtures.class);
		Outbox engine = app.context().getBean(Outbox.class);
		ConfirmationFixtures confirm = app.context().getBean(ConfirmationFixtures.class);
		TestStaff manager = staff.manager(staff.body());
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		List<String> residents = List.of("ichiro@example.jp", "jiro@example.jp", "saburo@docomo.ne.jp");
		registration.registrant(list, residents.get(0), "安否 一郎", "1年1組");
		registration.registrant(list, residents.get(1), "安否 二郎", "1年2組");
		registration.registrant(list, residents.get(2), "安否 三郎", "1年2組");

		signIn(sender.loginId(), sender.password());
		open("/notices");
		clickLink("安否確認");
		assertThat(browser.findElement(By.id("questions0.label")).getAttribute("value")).isEqualTo("あなたの状況");
		browser.findElement(By.xpath("//label[normalize-space()='" + list.name() + "']")).click();
		press("下書きを保存する");
		assertThat(heading()).contains("【安否確認】");
		assertFitsOnAPhone("30-safety-draft");
		send("3人");
		String noticePage = browser.getCurrentUrl();
		engine.sendDueNow();

		// a resident's phone, in another tab: the sender's page stays open
		String staffTab = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB);
		String residentTab = browser.getWindowHandle();
		answer(confirm.link(residents.get(0), "安否確認"), "無事");
		assertFitsOnAPhone("31-safety-answered");

		// the sender opens the notice; the figures change without a reload
		browser.switchTo().window(staffTab);
		browser.navigate().to(noticePage);
		assertThat(browser.findElement(By.id("results-answered")).getText()).isEqualTo("1");
		browser.switchTo().window(residentTab);
		open(confirm.link(residents.get(1), "安否確認"));
		press("回答を送信する");
		assertThat(browser.findElement(By.cssSelector(".field__error")).getText()).contains("この質問には回答が必要です");
		assertFitsOnAPhone("32-safety-required");
		browser.findElement(By.xpath("//label[normalize-space()='支援が必要']")).click();
		press("回答を送信する");
		browser.switchTo().window(staffTab);
		// the box is replaced while the wait reads it: a cell found a moment ago may be
		// gone
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(driver -> "2".equals(driver.findElement(By.id("results-answered")).getText()));
		assertThat(browser.findElement(By.id("results-box")).getText()).contains("問1 あなたの状況").contains("支援が必要");
		// the refresh is a whole page: only its box is taken, not its heading or a second
		// page
		assertThat(browser.findElements(By.cssSelector("#results-box > .results"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("#results-box h1, #results-box title, #results-box main")))
			.isEmpty();
		assertFitsOnAPhone("33-safety-results");

		// who has not answered, and a reminder to them through the usual release
		clickLink("未確認の人の一覧");
		assertThat(browser.getPageSource()).contains(residents.get(2)).doesNotContain(residents.get(0));
		browser.navigate().to(noticePage);
		press("未確認の人に再送する");
		assertThat(heading()).contains("【再送】");
		assertThat(browser.getPageSource()).contains("1人");
		send("1人");
		engine.sendDueNow();

		browser.switchTo().window(residentTab);
		answer(confirm.link(residents.get(2), "【再送】"), "負傷している");
		browser.switchTo().window(staffTab);
		browser.navigate().to(noticePage);
		assertThat(browser.findElement(By.id("results-answered")).getText()).isEqualTo("3");
		assertThat(browser.findElement(By.id("results-pending")).getText()).isEqualTo("0");
	}

}
