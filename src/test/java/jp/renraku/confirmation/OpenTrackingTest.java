package jp.renraku.confirmation;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.NoticeId;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.notice.NoticeManagement;
import jp.renraku.registration.RegistrationFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

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
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	ConfirmationFixtures confirm;

	@Autowired
	NoticeManagement management;

	@Autowired
	ConfirmationManagement confirmation;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	List<String> addresses;

	@BeforeEach
	void registrants() {
		sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp", "c@docomo.ne.jp"));
		sender = sending.sender();
		addresses = sending.addresses();
	}

	private long opens(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM delivery_open WHERE notice_id = :id")
			.param("id", noticeId)
			.query(Long.class)
			.single();
	}

	@Test
	void theImageRecordsAnOpeningOnceAndAConfirmationCountsAsOpened() throws Exception {
		long id = notices.draft(sending).subject("開封の記録").text("本文です。").trackOpens().askConfirmation().send();
		var mail = registration.mailTo(addresses.get(0));
		assertThat(mail.rawHeaders()).contains("multipart/alternative");
		Matcher src = Pattern.compile("<img src=\"https?://[^/\"]+(/o/[^\"]+)\"").matcher(mail.html());
		assertThat(src.find()).as(mail.html()).isTrue();
		String image = src.group(1);
		assertThat(registration.mailTo(addresses.get(2)).rawHeaders()).doesNotContain("multipart/alternative");

		var loaded = mvc.get().uri(image).exchange();
		assertThat(loaded).hasStatusOk().hasContentType("image/gif");
		assertThat(loaded.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(mvc.get().uri(image).exchange()).hasStatusOk();
		assertThat(opens(id)).isEqualTo(1);

		// the second recipient confirms without loading images: counted as opened
		String link = confirm.link(addresses.get(1));
		assertThat(confirm.press(link)).hasStatusOk();
		assertThat(confirmation.results(NoticeId.of(id), sender.staff().requireBody()).opened()).isEqualTo(2);
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("開封（参考値）");

		// the confirmation token is not an opening token, and the reverse
		assertThat(mvc.get().uri(link.replace("/c/", "/o/")).exchange()).hasStatus(404);
		assertThat(mvc.post().uri(image.replace("/o/", "/c/")).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/o/" + "A".repeat(36)).exchange()).hasStatus(404);
		assertThat(opens(id)).isEqualTo(1);
	}

	@Test
	void openingsAreNotTrackedUnlessTheSenderAsks() {
		long id = notices.draft(sending).subject("開封の記録").text("本文です。").send();
		var mail = registration.mailTo(addresses.get(0));
		assertThat(mail.rawHeaders()).doesNotContain("multipart");
		assertThat(mail.html()).isEmpty();
		assertThat(management.notice(sender.staff(), id).trackOpens()).isFalse();
	}

}
