package jp.renraku.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.attachment.TestFiles;
import jp.renraku.delivery.Outbox;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff page, at 360 px, checked by axe-core (WCAG 2.1 A and AA rules) with real
 * data on it: no serious or critical finding (issue 16). axe is the npm package's build,
 * from its WebJar on the test classpath; it is run through the driver, so the pages' CSP
 * (script-src 'self') stays as in production.
 */
class AxeBrowserTest extends BrowserTest {

	private List<String> check(String axe, String... paths) {
		List<String> all = new ArrayList<>();
		for (String path : paths) {
			all.addAll(findings(path, axe));
		}
		return all;
	}

	@Test
	void everyStaffPageAt360PxHasNoSeriousFinding() throws Exception {
		browser.manage().window().setSize(new Dimension(360, 800));
		String axe = axe();
		var beans = app.context().getAutowireCapableBeanFactory();
		StaffFixtures staff = beans.createBean(StaffFixtures.class);
		RegistrationFixtures registration = beans.createBean(RegistrationFixtures.class);
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		TestStaff sender = staff.sender(manager);
		RegistrationList list = registration.list(manager);
		long registrant = registration.registrant(list, "ichiro@example.jp", "安否 一郎", "1年1組");
		registration.registrant(list, "jiro@example.jp", "安否 二郎", "1年2組");

		// the check can fail: an image without text on the sign-in page is found
		open("/login");
		((JavascriptExecutor) browser)
			.executeScript("document.querySelector('main').appendChild(document.createElement('img')).src = '/x.png';");
		assertThat(findingsHere("/login", axe)).anyMatch(line -> line.contains("image-alt"));

		List<String> findings = new ArrayList<>();
		signIn("admin", app.printedPassword());
		changeForcedPassword(app.printedPassword(), "Shiro-no-sakura-2026");
		var jdbc = app.context().getBean(JdbcClient.class);
		long application = jdbc.sql("SELECT MAX(id) FROM usage_application WHERE body_id = :b")
			.param("b", body)
			.query(Long.class)
			.single();
		long permit = jdbc.sql("SELECT MAX(id) FROM usage_permit WHERE body_id = :b")
			.param("b", body)
			.query(Long.class)
			.single();
		findings.addAll(check(axe, "/admin/settings", "/admin/administrators/new", "/admin/bodies/" + body + "/edit",
				"/admin/bodies/" + body + "/sender", "/applications/" + application, "/permits/" + permit,
				"/staff/" + manager.id(), "/staff/" + manager.id() + "/edit"));
		findings.addAll(check(axe, "/", "/admin/bodies", "/admin/bodies/new", "/admin/bodies/" + body,
				"/admin/bodies/" + body + "/managers/new", "/applications", "/applications/new?body=" + body, "/staff",
				"/staff/review", "/audit", "/admin/outbox", "/admin/queue", "/exports", "/incidents", "/incidents/new",
				"/account/profile", "/account/password", "/account/totp", "/account/leak"));
		signOut();

		// a released notice with questions, one answer in: the pages that show results
		signIn(sender.loginId(), sender.password());
		open("/notices");
		clickLink("安否確認");
		browser.findElement(By.xpath("//label[normalize-space()='" + list.name() + "']")).click();
		press("下書きを保存する");
		String notice = new URI(browser.getCurrentUrl()).getPath();
		// a photo attached by the page's own form (issue 20), shown on it
		Path photo = Files.createTempFile("renraku-map-", ".png");
		Files.write(photo, TestFiles.encoded(TestFiles.picture(), "png"));
		open(notice);
		browser.findElement(By.id("attachment-file")).sendKeys(photo.toString());
		press("ファイルを添付する");
		assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("ファイルを添付しました");
		assertThat(browser.findElements(By.cssSelector("#attachments ~ .file-list img"))).hasSize(1);
		((JavascriptExecutor) browser).executeScript("document.getElementById('attachments').scrollIntoView();");
		assertFitsOnAPhone("50-notice-attachment");
		Files.delete(photo);
		findings.addAll(check(axe, notice, notice + "/edit", notice + "/release"));
		open(notice);
		clickLink("2人に配信する");
		press("2人に配信する");
		app.context().getBean(Outbox.class).sendDueNow();
		findings.addAll(check(axe, "/", "/notices", "/notices/new", notice, notice + "/results",
				notice + "/recipients?show=PENDING", notice + "/close-answers", "/notices/templates", "/incidents",
				"/account/profile"));
		signOut();

		signIn(manager.loginId(), manager.password());
		findings.addAll(check(axe, "/", "/lists", "/lists/new", "/lists/" + list.id(), "/lists/" + list.id() + "/edit",
				"/lists/" + list.id() + "/registrants", "/registrants/" + registrant,
				"/registrants/" + registrant + "/delete", "/lists/" + list.id() + "/sender",
				"/lists/" + list.id() + "/import", "/lists/" + list.id() + "/export", "/lists/" + list.id() + "/guide",
				"/registrants/bounced", notice + "/results-export", "/staff/" + sender.id() + "/edit",
				"/staff/" + sender.id() + "/transfer", "/registrants/bounced/reread", "/sender", "/notices", notice,
				notice + "/recipients?show=PENDING", "/applications", "/applications/new", "/staff",
				"/staff/new-sender", "/staff/" + sender.id(), "/staff/" + sender.id() + "/retire", "/staff/review",
				"/audit", "/exports", "/incidents"));
		assertThat(findings).as("serious or critical axe findings").isEmpty();
	}

}
