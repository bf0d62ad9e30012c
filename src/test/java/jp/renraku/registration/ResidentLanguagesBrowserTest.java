package jp.renraku.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jp.renraku.attachment.TestFiles;
import jp.renraku.browser.BrowserTest;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.Language;
import jp.renraku.delivery.Outbox;
import jp.renraku.delivery.ReceiptLinks;
import jp.renraku.mail.MailCatcher;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident in their own language (issue 19): the switch on the start page turns every
 * page of the registration and the mails to Vietnamese, and the choice is kept; and every
 * page a resident sees (registration start and form, closed link, personal page, stop,
 * stopped, answer page), in every language, has the right {@code lang}, fits 320 px and
 * has no serious or critical axe-core finding.
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

	/**
	 * The link of a form to register with, valid for a day and usable until it is sent.
	 */
	private static String signupForm(RegistrationList list) {
		String token = "axe" + System.nanoTime();
		Instant now = Instant.now();
		app.context()
			.getBean(SignupRequests.class)
			.insert(list.id(), InstallationSecret.sha256(token), "form." + System.nanoTime() + "@example.jp",
					now.plusSeconds(3600), now);
		return "/r/" + list.publicToken() + "/confirm?t=" + token;
	}

	/**
	 * A released safety question (one choice of three) whose mail went to the registrant;
	 * returns the delivery.
	 */
	private static long sentSafetyQuestion(RegistrationList list, long registrant) {
		JdbcClient jdbc = app.context().getBean(JdbcClient.class);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO notice (body_id, author_id, subject, body_text, emergency, state, created_at, updated_at,
				       released_at, ask_confirmation)
				VALUES (:body, (SELECT MIN(id) FROM staff_account), '地震の安否確認', '本文', TRUE, 'RELEASED', :now, :now,
				        :now, TRUE)
				""").param("body", list.bodyId()).param("now", now).update();
		long notice = jdbc.sql("SELECT MAX(id) FROM notice").query(Long.class).single();
		jdbc.sql("""
				INSERT INTO notice_question (notice_id, position, kind, label, options, required, max_length)
				VALUES (:notice, 1, 'SINGLE_CHOICE', 'あなたの状況', :options, TRUE, 200)
				""").param("notice", notice).param("options", "無事\n負傷している\n支援が必要").update();
		// a school newsletter and a photo go with it (issue 20)
		byte[] photo = TestFiles.encoded(TestFiles.picture(), "png");
		for (String[] file : List.of(new String[] { "1", "給食だより12月号.pdf", "PDF" },
				new String[] { "2", "会場の地図.png", "PNG" })) {
			byte[] bytes = file[2].equals("PDF") ? TestFiles.pdf() : photo;
			jdbc.sql("""
					INSERT INTO notice_attachment (notice_id, position, file_name, file_type, size_bytes, sha256, width,
					       height, bytes, uploaded_by, uploaded_at)
					VALUES (:notice, :position, :name, :type, :size, 'x', :width, :height, :bytes,
					        (SELECT MIN(id) FROM staff_account), :now)
					""")
				.param("notice", notice)
				.param("position", Integer.parseInt(file[0]))
				.param("name", file[1])
				.param("type", file[2])
				.param("size", bytes.length)
				.param("width", file[2].equals("PDF") ? null : 40)
				.param("height", file[2].equals("PDF") ? null : 30)
				.param("bytes", bytes)
				.param("now", now)
				.update();
		}
		jdbc.sql("""
				INSERT INTO delivery (notice_id, body_id, registrant_id, priority, status, attempts, next_attempt_at,
				       created_at, sent_at)
				VALUES (:notice, :body, :registrant, 0, 'SENT', 1, :now, :now, :now)
				""")
			.param("notice", notice)
			.param("body", list.bodyId())
			.param("registrant", registrant)
			.param("now", now)
			.update();
		return jdbc.sql("SELECT id FROM delivery WHERE notice_id = :notice")
			.param("notice", notice)
			.query(Long.class)
			.single();
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
		long delivery = sentSafetyQuestion(list, registrant);
		String receipt = ReceiptLinks.path(app.context(), delivery);
		String files = ReceiptLinks.filesPath(app.context(), delivery);
		String form = signupForm(list);
		List<String> findings = new ArrayList<>();
		for (Language language : Language.values()) {
			int page = 0;
			for (String path : List.of("/r/" + list.publicToken(), form, "/r/" + list.publicToken() + "/confirm?t=nope",
					managePath, managePath + "/stop", "/m/no-such-link", receipt, files)) {
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
