package jp.renraku.browser;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, followed literally on a phone-sized browser from an empty
 * database to a notice in the mail catcher (issue 16). At every step the person does what
 * the home page's checklist (はじめの手順) names as next — its link, then the page's own
 * buttons — and the checklist ticks from the real state; a step the pages do not lead to
 * fails the test.
 */
class QuickStartBrowserTest extends BrowserTest {

	private static final String RESIDENT = "hikari.tanaka@example.jp";

	/** The checklist's item texts marked done, on the home page. */
	private List<String> done() {
		open("/");
		return browser.findElements(By.cssSelector("#first-steps .checklist__item.is-done a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** Follows the checklist's next step: its link is the way there. */
	private void next(String step) {
		open("/");
		WebElement next = browser.findElement(By.cssSelector("#first-steps .checklist__item.is-next a"));
		assertThat(next.getText()).as("the next step the checklist names").isEqualTo(step);
		andWaitForNextPage(next::click);
	}

	private void setValue(String id, String value) {
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
				browser.findElement(By.id(id)), value);
	}

	private MailCatcher.CaughtMail mailTo(String address) {
		return app.context()
			.getBean(MailCatcher.class)
			.caught()
			.stream()
			.filter(mail -> mail.to().contains(address))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail to " + address));
	}

	@Test
	void fromAnEmptyDatabaseToANoticeInTheCatcher() {
		String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
		String nextYear = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusYears(1).toString();

		// 1. the administrator: the printed one-time password, then their own e-mail
		signIn("admin", app.printedPassword());
		changeForcedPassword(app.printedPassword(), "Shiro-no-sakura-2026");
		assertThat(browser.findElement(By.id("first-steps")).getText()).contains("はじめの手順");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("システム管理者としてログインしています")
			.doesNotContain("システム管理者さん（システム管理者）");
		assertFitsOnAPhone("qs-01-admin-checklist");
		next("自分のメールアドレスを設定する");
		type("email", "admin@city.example.jp");
		press("保存する");
		assertThat(done()).contains("自分のメールアドレスを設定する");

		// 2. a body and its operations manager
		next("実施機関を登録する");
		type("name", "教育委員会");
		browser.findElement(By.xpath("//label[normalize-space()='教育委員会']")).click();
		press("保存する");
		assertThat(done()).contains("実施機関を登録する");
		next("実施機関の運用管理者を指定する");
		andWaitForNextPage(() -> browser.findElement(By.cssSelector("table a")).click());
		clickLink("運用管理者を指定する");
		type("loginId", "kyoiku.suzuki");
		type("displayName", "鈴木 髙子");
		press("作成して初期パスワードを発行する");
		String managerPassword = browser.findElement(By.id("issued-password")).getText();
		assertThat(done()).contains("実施機関の運用管理者を指定する");
		signOut();

		// 3. the operations manager: e-mail, then the usage application (Art. 6)
		signIn("kyoiku.suzuki", managerPassword);
		changeForcedPassword(managerPassword, "Umi-no-mieru-oka-77");
		next("自分のメールアドレスを設定する");
		type("email", "suzuki@city.example.jp");
		press("保存する");
		next("利用申請を出す（様式第1号）");
		type("purpose", "保護者・教職員への緊急連絡のため");
		type("plannedLists", "配信リスト名: 緊急連絡\n(1) 利用目的: 休校・安否確認の連絡\n(2) 運用期間: 1年\n(3) 登録URL・パスワードの管理方法: 学校から文書で配布\n"
				+ "(4) 登録対象者: 保護者と教職員\n(5) 本人確認の方法: メールアドレスの確認\n(6) 登録の削除基準: 卒業・転出\n(7) 免責事項: 遅延について責任を負わない");
		setValue("periodStart", today);
		setValue("periodEnd", nextYear);
		type("expectedRegistrants", "800");
		type("managerName", "鈴木 髙子");
		type("managerContact", "教育総務課 内線2345");
		type("handlingRules", "登録者の個人情報は施錠した書庫で保管し、持ち出さない。");
		press("下書きを保存する");
		press("提出する");
		assertThat(done()).contains("利用申請を出す（様式第1号）").doesNotContain("システム管理者の利用許可を受ける");
		// without the permit the list page would say why; the checklist says to wait
		assertThat(browser.findElement(By.cssSelector("#first-steps .is-next")).getText()).contains("システム管理者の利用許可を受ける")
			.contains("承認するのを待ちます");
		signOut();

		// 4. the administrator approves: the usage permit
		signIn("admin", "Shiro-no-sakura-2026");
		next("利用申請を承認する（利用許可）");
		andWaitForNextPage(() -> browser.findElement(By.cssSelector("table a")).click());
		press("承認して許可書を交付する");
		assertThat(heading()).isEqualTo("連絡システム利用許可書");
		open("/");
		assertThat(browser.findElements(By.id("first-steps"))).as("the administrator's steps are all done").isEmpty();
		assertThat(browser.getPageSource()).contains("はじめの手順はすべて済んでいます");
		signOut();

		// 5. the operations manager: a list, taking registrations, and a first resident
		signIn("kyoiku.suzuki", "Umi-no-mieru-oka-77");
		assertThat(done()).contains("システム管理者の利用許可を受ける");
		next("配信リストを作る");
		type("name", "緊急連絡");
		type("purpose", "休校・安否確認の連絡のため");
		setValue("periodStart", today);
		type("urlManagement", "学校から文書で配布します");
		type("eligibility", "保護者と教職員");
		type("deletionCriteria", "卒業・転出したとき");
		type("disclaimer", "通信事情による遅延について責任を負いません");
		press("保存する");
		assertThat(browser.findElements(By.id("list-closure"))).isEmpty();
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("登録を受け付けています");
		String registrationUrl = browser.findElement(By.id("registration-url")).getText();
		String password = browser.findElement(By.id("registration-password")).getText();
		assertThat(done()).contains("配信リストを作る", "配信リストが登録を受け付けている");
		signOut();

		// the page shows the city's public address; this instance runs on a port of its
		// own
		open(URI.create(registrationUrl).getPath());
		type("password", password);
		browser.findElement(By.cssSelector("label[for=agree]")).click();
		type("email", RESIDENT);
		press("確認メールを送る");
		open(RegistrationFixtures.link(mailTo(RESIDENT), "/r/"));
		type("name", "田中 ひかり");
		press("登録する");
		assertThat(heading()).isEqualTo("登録が完了しました");

		// 6. a sender, a test send, the first notice
		signIn("kyoiku.suzuki", "Umi-no-mieru-oka-77");
		assertThat(done()).contains("最初の登録者を迎える");
		next("業務担当者を任命する");
		type("loginId", "kyoiku.tanaka");
		type("displayName", "田中 一郎");
		press("作成して初期パスワードを発行する");
		next("お知らせを自分にテスト送信する");
		type("subject", "【お知らせ】はじめての連絡");
		type("text", "こちらは教育委員会の連絡システムです。");
		browser.findElement(By.xpath("//label[normalize-space()='緊急連絡']")).click();
		press("下書きを保存する");
		press("自分のアドレスにテスト送信する");
		assertThat(mailTo("suzuki@city.example.jp").subject()).contains("はじめての連絡");
		assertThat(done()).contains("お知らせを自分にテスト送信する");
		next("最初のお知らせを配信する");
		clickLink("【お知らせ】はじめての連絡");
		clickLink("1人に配信する");
		// the page of its own that says what will happen, to how many, before it happens
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("1人");
		press("1人に配信する");
		// the test profile runs the engine's step by hand
		// (renraku.delivery.enabled=false)
		app.context().getBean(Outbox.class).sendDueNow();
		MailCatcher.CaughtMail notice = new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> app.context()
			.getBean(MailCatcher.class)
			.caught()
			.stream()
			.filter(mail -> mail.to().contains(RESIDENT) && mail.subject().contains("はじめての連絡"))
			.findFirst()
			.orElse(null));
		assertThat(notice.raw()).contains("From: =?");
		open("/");
		assertThat(browser.findElements(By.id("first-steps"))).isEmpty();
		assertThat(browser.getPageSource()).contains("はじめの手順はすべて済んでいます");
		assertFitsOnAPhone("qs-06-all-done");
	}

}
