package jp.renraku.notice;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.browser.BrowserTest;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender types the subject and presses Enter, as people do: the draft is saved as typed
 * (not the 安否確認 set of questions, the form's first button before); sending it then asks
 * once more, with the number of people, on a page of its own.
 */
class ComposeBrowserTest extends BrowserTest {

	@Test
	void enterInTheSubjectSavesTheDraftAndSendingAsksOnceMore() {
		var beans = app.context().getAutowireCapableBeanFactory();
		StaffFixtures staff = beans.createBean(StaffFixtures.class);
		RegistrationFixtures registration = beans.createBean(RegistrationFixtures.class);
		TestStaff manager = staff.manager(staff.body());
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		registration.registrant(list, "enter1@example.jp", "入力 一郎", "1年1組");
		registration.registrant(list, "enter2@example.jp", "入力 二郎", "1年2組");

		signIn(sender.loginId(), sender.password());
		open("/notices/new");
		type("text", "明日の遠足は雨天のため延期します。");
		browser.findElement(By.xpath("//label[normalize-space()='" + list.name() + "']")).click();
		type("subject", "遠足の延期");
		andWaitForNextPage(() -> browser.findElement(By.id("subject")).sendKeys(Keys.ENTER));
		assertThat(heading()).isEqualTo("遠足の延期");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("下書きを保存しました");
		assertThat(browser.getPageSource()).doesNotContain("あなたの状況").doesNotContain("締切");
		assertFitsOnAPhone("40-enter-saved-draft");

		clickLink("2人に配信する");
		assertThat(heading()).isEqualTo("このお知らせを配信しますか");
		assertThat(browser.findElement(By.id("recipient-count")).getText()).isEqualTo("2人");
		assertFitsOnAPhone("41-send-confirmation");
		clickLink("配信せずにお知らせへ戻る");
		assertThat(heading()).isEqualTo("遠足の延期");
		clickLink("2人に配信する");
		press("2人に配信する");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("配信を始めました");
	}

}
