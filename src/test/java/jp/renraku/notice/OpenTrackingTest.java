package jp.renraku.notice;

import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.delivery.NoticeId;
import jp.renraku.confirmation.ConfirmationManagement;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optional open tracking (Art. 5-2): off unless the sender turns it on; the mail then
 * carries an image whose loading records the opening once; carrier phones get plain text;
 * a confirmation counts as opened; a confirmation token, a forged one or one of a notice
 * that does not track opens nothing.
 */
@RenrakuIntegrationTest
class OpenTrackingTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NoticeManagement notices;

	@Autowired
	ConfirmationManagement confirmation;

	TestStaff sender;

	RegistrationList list;

	List<String> addresses;

	@BeforeEach
	void registrants() {
		engine.sendDueNow();
		TestStaff manager = staff.manager(staff.body());
		sender = staff.sender(manager);
		list = registration.list(manager);
		String tag = StaffFixtures.unique("o");
		addresses = List.of(tag + ".a@example.jp", tag + ".b@example.jp", tag + ".c@docomo.ne.jp");
		addresses.forEach(address -> registration.registrant(list, address, "開封 太郎", "1年1組"));
		catcher.clear();
	}

	private long release(String... more) {
		String[] fields = { "subject", "開封の記録", "text", "本文です。", "listIds", String.valueOf(list.id()) };
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(fields), java.util.Arrays.stream(more))
			.toArray(String[]::new);
		String location = post(mvc, sender, "/notices/new", all).getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		post(mvc, sender, "/notices/" + id + "/release");
		engine.sendDueNow();
		return id;
	}

	private long opens(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_open WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	@Test
	void theImageRecordsAnOpeningOnceAndAConfirmationCountsAsOpened() throws Exception {
		long id = release("trackOpens", "true", "askConfirmation", "true");
		var mail = registration.mailTo(addresses.get(0));
		assertThat(mail.rawHeaders()).contains("multipart/alternative");
		java.util.regex.Matcher src = java.util.regex.Pattern.compile("<img src=\"https?://[^/\"]+(/o/[^\"]+)\"")
			.matcher(mail.html());
		assertThat(src.find()).as(mail.html()).isTrue();
		String image = src.group(1);
		assertThat(registration.mailTo(addresses.get(2)).rawHeaders()).doesNotContain("multipart/alternative");

		var loaded = mvc.get().uri(image).exchange();
		assertThat(loaded).hasStatusOk().hasContentType("image/gif");
		assertThat(loaded.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(mvc.get().uri(image).exchange()).hasStatusOk();
		assertThat(opens(id)).isEqualTo(1);

		// the second recipient confirms without loading images: counted as opened
		String confirm = RegistrationFixtures.link(registration.mailTo(addresses.get(1)), "/c/");
		assertThat(mvc.post().uri(confirm).exchange()).hasStatusOk();
		assertThat(confirmation.results(NoticeId.of(id), sender.staff().requireBody()).opened()).isEqualTo(2);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("開封（参考値）");

		// the confirmation token is not an opening token, and the reverse
		assertThat(mvc.get().uri(confirm.replace("/c/", "/o/")).exchange()).hasStatus(404);
		assertThat(mvc.post().uri(image.replace("/o/", "/c/")).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/o/" + "A".repeat(36)).exchange()).hasStatus(404);
		assertThat(opens(id)).isEqualTo(1);
	}

	@Test
	void offByDefault() {
		long id = release();
		var mail = registration.mailTo(addresses.get(0));
		assertThat(mail.rawHeaders()).doesNotContain("multipart");
		assertThat(mail.html()).isEmpty();
		assertThat(notices.notice(sender.staff(), id).trackOpens()).isFalse();
	}

}
