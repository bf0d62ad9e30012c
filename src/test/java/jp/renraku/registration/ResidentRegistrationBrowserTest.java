package jp.renraku.registration;

import jp.renraku.account.AccountManagement;
import jp.renraku.account.NewAccount;
import jp.renraku.browser.BrowserTest;
import jp.renraku.common.Role;
import jp.renraku.common.Staff;
import jp.renraku.mail.MailCatcher;
import jp.renraku.organization.BodyKind;
import jp.renraku.organization.OrganizationManagement;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a resident does on a phone: open the registration URL from the guide, read the
 * rules, type the password and address, open the link from the mail, fill the form; later
 * stop from the link in the welcome mail, through the page that asks once more, and find
 * the old link answering that mail has stopped.
 */
class ResidentRegistrationBrowserTest extends BrowserTest {

	/** A new body's list 「防災・防犯情報」, open for registration. */
	static RegistrationList aList() {
		var organization = app.context().getBean(OrganizationManagement.class);
		var accounts = app.context().getBean(AccountManagement.class);
		var registration = app.context().getBean(RegistrationManagement.class);
		Staff root = new Staff(0, "root", "root", Role.SYSTEM_ADMIN, null);
		long body = organization.create("防災課 " + System.nanoTime(), BodyKind.MAYOR);
		jp.renraku.account.StaffFixtures.permit(app.context().getBean(jp.renraku.organization.PermitManagement.class),
				body);
		var issued = accounts.createOperationsManager(root, body,
				new NewAccount("bousai." + System.nanoTime(), "防災 担当", null));
		Staff manager = new Staff(issued.accountId(), issued.loginId(), "防災 担当", Role.OPERATIONS_MANAGER, body);
		long id = registration.createList(manager, RegistrationFixtures.rules("防災・防犯情報", Verification.NONE));
		return registration.list(manager, id);
	}

	/** The first link with the prefix in the newest mail to the address. */
	static String mailLink(String to, String prefix) {
		MailCatcher catcher = app.context().getBean(MailCatcher.class);
		MailCatcher.CaughtMail mail = catcher.caught()
			.stream()
			.filter(m -> m.to().contains(to))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + to));
		return RegistrationFixtures.link(mail, prefix);
	}

	/** The class of the element that has the focus. */
	private String focused() {
		return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.className;");
	}

	@Test
	void residentRegistersOnAPhoneAndLaterStopsThroughTheConfirmPage() {
		RegistrationList list = aList();
		open("/r/" + list.publicToken());
		assertThat(heading()).contains("防災・防犯情報");
		assertThat(browser.getPageSource()).contains("市内在住・在勤の方").contains("通信事情による遅延");
		assertFitsOnAPhone("10-resident-rules");

		// every choice is a whole row at least 44 px high; hints are 16 px
		assertThat(browser.findElement(By.cssSelector("label[for=agree]")).getSize().getHeight())
			.isGreaterThanOrEqualTo(44);
		assertThat(browser.findElement(By.id("password-hint")).getCssValue("font-size")).isEqualTo("16px");

		press("確認メールを送る");
		assertThat(browser.findElements(By.cssSelector(".field__error"))).hasSizeGreaterThanOrEqualTo(3);
		assertThat(focused()).as("what is wrong, summed up first, has the focus").isEqualTo("error-summary");

		// a wrong password, the agreement ticked and the address typed in full width
		String email = "hanako..sato.@docomo.ne.jp";
		type("password", "WRONG-PASS");
		browser.findElement(By.cssSelector("label[for=agree]")).click();
		type("email", "ｈａｎａｋｏ．．ｓａｔｏ．＠ｄｏｃｏｍｏ．ｎｅ．ｊｐ");
		press("確認メールを送る");
		assertThat(focused()).isEqualTo("error-summary");
		assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("登録パスワードが違います");
		assertThat(browser.findElement(By.id("agree")).isSelected()).as("同意 stays ticked").isTrue();
		assertFitsOnAPhone("10b-resident-wrong-password");
		type("password", list.registrationPassword().toLowerCase());
		press("確認メールを送る");
		assertThat(heading()).isEqualTo("確認メールを送りました");
		assertThat(browser.getPageSource()).as("the full-width address read as ASCII").contains(email);
		assertFitsOnAPhone("11-resident-mail-sent");

		open(mailLink(email, "/r/"));
		assertThat(heading()).contains("登録内容の入力");
		type("name", "佐藤 花子");
		type("furigana", "さとう はなこ");
		browser.findElement(By.xpath("//label[normalize-space()='1年2組']")).click();
		browser.findElement(By.xpath("//label[normalize-space()='避難情報']")).click();
		assertFitsOnAPhone("12-resident-form");
		press("登録する");
		assertThat(heading()).isEqualTo("登録が完了しました");
		assertFitsOnAPhone("13-resident-done");

		// stopping, at the narrowest phone width: asked once more on a page of its own
		browser.manage().window().setSize(new Dimension(320, 800));
		String manage = mailLink(email, "/m/");
		open(manage);
		assertThat(browser.getPageSource()).contains("佐藤 花子");
		clickLink("配信を停止する");
		assertThat(heading()).isEqualTo("配信を停止しますか");
		assertThat(browser.getPageSource()).contains(email).contains("避難情報");
		assertFitsOnAPhone("14-resident-stop-confirm");
		press("停止して情報を消去する");
		assertThat(heading()).isEqualTo("配信を停止しました");
		assertThat(browser.findElement(By.linkText("「防災・防犯情報」に登録し直す")).getAttribute("href"))
			.endsWith("/r/" + list.publicToken());
		assertFitsOnAPhone("15-resident-stopped");

		// the old personal link answers the same page, with no way into the staff pages
		open(manage);
		assertThat(heading()).isEqualTo("配信を停止しました");
		assertThat(browser.findElements(By.cssSelector("a[href='/'], a[href*='/login']"))).isEmpty();
		assertFitsOnAPhone("16-resident-old-link");
	}

}
