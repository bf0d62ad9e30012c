package jp.renraku.registration;

import java.util.ArrayList;
import java.util.List;

import jp.renraku.browser.BrowserTest;
import jp.renraku.common.Language;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident in their own language (issue 19): the switch on the start page turns every
 * page of the registration and the mails to Vietnamese, and the choice is kept; and every
 * page a resident sees, in every language, has the right {@code lang} and no serious or
 * critical axe-core finding at 320 px.
 */
class ResidentLanguagesBrowserTest extends BrowserTest {

	private static final String VI_SEND = "Gửi email xác nhận";

	private String lang() {
		return browser.findElement(By.tagName("html")).getAttribute("lang");
	}

	private MailCatcher.CaughtMail mailTo(String to) {
		return app.context()
			.getBean(MailCatcher.class)
			.caught()
			.stream()
			.filter(m -> m.to().contains(to))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + to));
	}

	@Test
	void aResidentSwitchesToVietnameseAndRegistersInIt() {
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(320, 800));
		RegistrationList list = ResidentRegistrationBrowserTest.aList();
		open("/r/" + list.publicToken());
		assertThat(lang()).isEqualTo("ja");
		assertThat(browser.findElement(By.cssSelector("nav.language-switch")).getText()).contains("Tiếng Việt")
			.contains("한국어")
			.contains("やさしい にほんご");
		andWaitForNextPage(() -> browser.findElement(By.linkText("Tiếng Việt")).click());
		assertThat(lang()).isEqualTo("vi");
		assertThat(heading()).contains("防災・防犯情報");
		assertThat(browser.getPageSource()).contains("Đăng ký nhận email thông báo").contains("Mật khẩu đăng ký");
		assertThat(browser.findElement(By.cssSelector("nav.language-switch a[aria-current=true]")).getText())
			.isEqualTo("Tiếng Việt");
		assertFitsOnAPhone("30-vi-start");

		String email = "nguyen." + System.nanoTime() + "@example.jp";
		type("password", list.registrationPassword());
		browser.findElement(By.cssSelector("label[for=agree]")).click();
		type("email", email);
		press(VI_SEND);
		assertThat(lang()).isEqualTo("vi");
		assertThat(heading()).isEqualTo("Đã gửi email xác nhận");
		assertFitsOnAPhone("31-vi-sent");

		MailCatcher.CaughtMail confirm = mailTo(email);
		assertThat(confirm.subject()).contains("Xác nhận đăng ký nhận email thông báo");
		assertThat(confirm.body()).contains("lang=vi");
		// the link opens in Vietnamese even in a browser that never saw the switch
		browser.manage().deleteAllCookies();
		open(ResidentRegistrationBrowserTest.mailLink(email, "/r/"));
		assertThat(lang()).isEqualTo("vi");
		assertThat(heading()).contains("Nhập thông tin đăng ký");
		type("name", "Nguyễn Văn An");
		type("furigana", "ぐえん ばん あん");
		browser.findElement(By.xpath("//label[normalize-space()='1年2組']")).click();
		assertFitsOnAPhone("32-vi-form");
		press("Đăng ký");
		assertThat(heading()).isEqualTo("Đăng ký đã hoàn tất");
		assertFitsOnAPhone("33-vi-done");

		app.context().getBean(Outbox.class).sendDueNow();
		MailCatcher.CaughtMail welcome = mailTo(email);
		assertThat(welcome.subject()).contains("Đã đăng ký nhận email thông báo");
		assertThat(welcome.body()).contains("Quý vị đã đăng ký nhận email thông báo").contains("Người gửi:");
		assertThat(app.context()
			.getBean(JdbcClient.class)
			.sql("SELECT language FROM registrant WHERE list_id = :list")
			.param("list", list.id())
			.query(String.class)
			.single()).isEqualTo("vi");

		// the personal page follows the stored choice, whatever the browser had
		browser.manage().deleteAllCookies();
		open(ResidentRegistrationBrowserTest.mailLink(email, "/m/"));
		assertThat(lang()).isEqualTo("vi");
		assertThat(heading()).contains("Xem và thay đổi thông tin đăng ký");
		assertThat(browser.findElement(By.id("language-vi")).isSelected()).isTrue();
		assertFitsOnAPhone("34-vi-manage");
		browser.findElement(By.cssSelector("label[for='language-ko']")).click();
		press("Đổi ngôn ngữ");
		assertThat(lang()).isEqualTo("ko");
		assertThat(browser.findElement(By.id("language-ko")).isSelected()).isTrue();
	}

	@Test
	void everyResidentPageInEveryLanguageHasItsLangAndNoSeriousFinding() throws Exception {
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(320, 800));
		String axe = axe();
		RegistrationList list = ResidentRegistrationBrowserTest.aList();
		var beans = app.context().getAutowireCapableBeanFactory();
		RegistrationFixtures registration = beans.createBean(RegistrationFixtures.class);
		long registrant = registration.registrantIn(list, "axe." + System.nanoTime() + "@example.jp", "住民",
				Language.JA);
		String manage = app.context()
			.getBean(PersonalLinks.class)
			.manageUrl(registrant,
					app.context()
						.getBean(JdbcClient.class)
						.sql("SELECT link_nonce FROM registrant WHERE id = :id")
						.param("id", registrant)
						.query(String.class)
						.single());
		String managePath = manage.substring(manage.indexOf("/m/"));
		List<String> findings = new ArrayList<>();
		for (Language language : Language.values()) {
			int page = 0;
			for (String path : List.of("/r/" + list.publicToken(), "/r/" + list.publicToken() + "/confirm?t=nope",
					managePath, managePath + "/stop", "/m/no-such-link")) {
				String asked = path + (path.contains("?") ? "&" : "?") + "lang=" + language.code();
				findings.addAll(findings(asked, axe));
				assertThat(lang()).as(asked).isEqualTo(language.htmlLang());
				assertFitsOnAPhone("40-" + language.code() + "-" + page++);
				if (language == Language.EASY_JA && path.startsWith("/r/") && !path.contains("confirm")) {
					assertThat(browser.findElements(By.tagName("ruby"))).as("readings on kanji").isNotEmpty();
					assertThat(browser.getTitle()).doesNotContain("《");
				}
			}
		}
		assertThat(findings).as("serious or critical axe findings").isEmpty();
	}

}
