package jp.renraku.attachment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.account.StaffFixtures;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.notice.NoticeFixtures;
import jp.renraku.registration.RegistrationFixtures;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A notice's files end to end (issue 20), with no scanner configured: added on the
 * notice's page within the limits and checks, sent as one personal link per file in each
 * recipient's own mail, opened by those links (exact bytes, counted as opened) and by no
 * other link; gone with the recipient's erasure and the end of their keeping; another
 * body's staff find nothing.
 */
@RenrakuIntegrationTest
class NoticeAttachmentsTest {

	private static final Pattern FILE_LINK = Pattern.compile("https?://[^\\s/]+(/f/[A-Za-z0-9_-]{36})/([0-9]+)");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	StaffFixtures staff;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	AttachmentRetention retention;

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, Locale.JAPANESE);
	}

	private MvcTestResult attach(TestStaff who, long noticeId, String name, String type, byte[] bytes) {
		return mvc.post()
			.uri("/notices/" + noticeId + "/attachments")
			.multipart()
			.file(new MockMultipartFile("file", name, type, bytes))
			.with(who.signedIn())
			.with(csrf())
			.exchange();
	}

	/** Attaches and follows the redirect to the notice page, whose text is returned. */
	private String attachAndShow(TestStaff who, long noticeId, String name, String type, byte[] bytes) {
		MvcTestResult result = attach(who, noticeId, name, type, bytes);
		assertThat(result).hasRedirectedUrl("/notices/" + noticeId + "#attachments");
		// the flash message waits in the session, which the SESSION cookie names
		var page = mvc.get()
			.uri("/notices/" + noticeId)
			.cookie(result.getResponse().getCookies())
			.with(who.signedIn())
			.exchange();
		assertThat(page).hasStatusOk();
		return new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private long files(long noticeId) {
		return jdbc.sql("SELECT COUNT(*) FROM notice_attachment WHERE notice_id = :n")
			.param("n", noticeId)
			.query(Long.class)
			.single();
	}

	private byte[] stored(long noticeId, int position) {
		return jdbc.sql("SELECT bytes FROM notice_attachment WHERE notice_id = :n AND position = :p")
			.param("n", noticeId)
			.param("p", position)
			.query(byte[].class)
			.single();
	}

	private static List<String[]> fileLinks(MailCatcher.CaughtMail mail) {
		Matcher m = FILE_LINK.matcher(mail.body());
		List<String[]> links = new ArrayList<>();
		while (m.find()) {
			links.add(new String[] { m.group(1), m.group(2) });
		}
		return links;
	}

	@Test
	void aPdfAndAPhotoGoOutAsPersonalLinksThatOpenTheExactFiles() throws Exception {
		Sending sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending)
			.subject("運動会のお知らせ")
			.text("{{氏名}} 様\n運動会の案内です。")
			.askConfirmation()
			.trackOpens()
			.save();
		byte[] pdf = TestFiles.pdf();
		byte[] photo = TestFiles.jpegWithGps();

		assertThat(attachAndShow(sender, id, "運動会の案内.pdf", "application/pdf", pdf)).contains(text("attachment.added"))
			.contains("運動会の案内.pdf")
			.contains(text("scan.off"));
		assertThat(attachAndShow(sender, id, "会場の写真.JPG", "image/jpeg", photo)).contains("会場の写真.JPG");
		assertThat(stored(id, 1)).isEqualTo(pdf);
		assertThat(TestFiles.contains(stored(id, 2), TestFiles.GPS_MARK)).isFalse();
		// the staff open them as residents will get them
		assertThat(mvc.get().uri("/notices/" + id + "/attachments/" + attachmentId(id, 1)).with(sender.signedIn()))
			.hasStatusOk()
			.hasContentType("application/pdf")
			.body()
			.isEqualTo(pdf);

		notices.send(sender, id);

		MailCatcher.CaughtMail first = registration.mailTo(sending.addresses().get(0));
		MailCatcher.CaughtMail second = registration.mailTo(sending.addresses().get(1));
		for (MailCatcher.CaughtMail mail : List.of(first, second)) {
			assertThat(mail.to()).hasSize(1);
			assertThat(mail.body()).contains("添付ファイル（2件）").contains("■運動会の案内.pdf（PDF、").contains("■会場の写真.JPG（JPEG、");
			assertThat(fileLinks(mail)).hasSize(2);
			assertThat(mail.raw().length()).as("the mail stays small").isLessThan(8_000);
		}
		String[] pdfLink = fileLinks(first).get(0);
		String[] photoLink = fileLinks(first).get(1);
		String[] othersLink = fileLinks(second).get(0);
		assertThat(othersLink[0]).isNotEqualTo(pdfLink[0]);

		MvcTestResult opened = mvc.get().uri(pdfLink[0] + "/" + pdfLink[1]).exchange();
		assertThat(opened).hasStatusOk().hasContentType("application/pdf").body().isEqualTo(pdf);
		assertThat(opened.getResponse().getHeader("Content-Disposition")).startsWith("inline").contains("UTF-8''");
		assertThat(opened.getResponse().getHeader("Cache-Control")).contains("no-store");
		assertThat(mvc.get().uri(photoLink[0] + "/" + photoLink[1]).exchange()).hasStatusOk()
			.hasContentType("image/jpeg")
			.body()
			.isEqualTo(stored(id, 2));
		// opening a file counts as opening the notice, once
		mvc.get().uri(pdfLink[0] + "/" + pdfLink[1]).exchange();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_open WHERE notice_id = :n")
			.param("n", id)
			.query(Long.class)
			.single()).isOne();
		// the page of the files, without script: both named, the photo shown
		assertThat(mvc.get().uri(pdfLink[0]).exchange()).hasStatusOk()
			.bodyText()
			.contains("運動会のお知らせ")
			.contains("運動会の案内.pdfを開く（PDF、")
			.contains("<img")
			.doesNotContain("<script");

		// the confirmation page lists the files with their links
		assertThat(mvc.get().uri(RegistrationFixtures.link(first, "/c/")).exchange()).hasStatusOk()
			.bodyText()
			.contains(text("receipt.files"))
			.contains(pdfLink[0] + "/" + pdfLink[1]);

		// the second recipient's own link works for them
		assertThat(mvc.get().uri(othersLink[0] + "/" + othersLink[1]).exchange()).hasStatusOk();

		// a reminder carries the same files, by its own links
		catcher.clear();
		long reminder = NoticeFixtures.idOf(post(mvc, sender, "/notices/" + id + "/remind"));
		notices.send(sender, reminder);
		List<String[]> reminded = fileLinks(registration.mailTo(sending.addresses().get(1)));
		assertThat(reminded).hasSize(2);
		assertThat(reminded.get(0)[0]).isNotEqualTo(othersLink[0]);
		assertThat(mvc.get().uri(reminded.get(0)[0] + "/" + reminded.get(0)[1]).exchange()).hasStatusOk()
			.body()
			.isEqualTo(pdf);
	}

	private long attachmentId(long noticeId, int position) {
		return jdbc.sql("SELECT id FROM notice_attachment WHERE notice_id = :n AND position = :p")
			.param("n", noticeId)
			.param("p", position)
			.query(Long.class)
			.single();
	}

	@Test
	void whenTheBodyChoosesTheFilesRideInTheMailOfComputersButCarrierPhonesGetLinksOnly() throws Exception {
		Sending sending = notices.sending(NoticeFixtures.residents("pc@example.jp", "phone@docomo.ne.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).subject("学校だより").text("今月の学校だよりです。").save();
		byte[] pdf = TestFiles.pdf();
		attach(sender, id, "学校だより 12月号.pdf", "application/pdf", pdf);
		assertThat(post(mvc, sender, "/notices/" + id + "/attachments/mail", "mailed", "true")).flash()
			.containsEntry("flashMessage", "attachment.mailed.on");

		notices.send(sender, id);

		MailCatcher.CaughtMail computer = registration.mailTo(sending.addresses().get(0));
		var message = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(computer.raw().getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(message.getContentType()).startsWith("multipart/mixed");
		var parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat((String) parts.getBodyPart(0).getContent()).contains("今月の学校だよりです。").contains("/f/");
		var file = parts.getBodyPart(1);
		assertThat(file.getContentType()).startsWith("application/pdf");
		assertThat(file.getDisposition()).isEqualTo("attachment");
		assertThat(MimeUtility.decodeText(file.getFileName())).isEqualTo("学校だより 12月号.pdf");
		assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);

		MailCatcher.CaughtMail phone = registration.mailTo(sending.addresses().get(1));
		assertThat(phone.rawHeaders()).contains("ISO-2022-JP").doesNotContain("multipart");
		assertThat(fileLinks(phone)).hasSize(1);
		assertThat(phone.raw().length()).isLessThan(8_000);
	}

	@Test
	void noOtherLinkOpensAFile() {
		Sending sending = notices.sending(NoticeFixtures.residents("c@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).subject("一つめ").save();
		attach(sender, id, "a.pdf", "application/pdf", TestFiles.pdf());
		long other = notices.draft(sending).subject("二つめ").save();
		attach(sender, other, "b.pdf", "application/pdf", TestFiles.pdf());
		notices.send(sender, id);
		String[] link = fileLinks(registration.mailTo(sending.addresses().get(0))).get(0);

		// this notice does not record openings: opening its file records nothing
		assertThat(mvc.get().uri(link[0] + "/" + link[1]).exchange()).hasStatusOk();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_open WHERE notice_id = :n")
			.param("n", id)
			.query(Long.class)
			.single()).isZero();

		// a file of another notice, by this notice's link
		assertThat(mvc.get().uri(link[0] + "/" + attachmentId(other, 1)).exchange()).hasStatus(404);
		// an altered or invented token, a confirmation-style path, a non-number
		String token = link[0].substring(3);
		String altered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
		assertThat(mvc.get().uri("/f/" + altered + "/" + link[1]).exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/f/" + "x".repeat(36) + "/" + link[1]).exchange()).hasStatus(404);
		assertThat(mvc.get().uri(link[0] + "/abc").exchange()).hasStatus(404);
		// the notice not sent has no links at all; its file is not reachable by id
		assertThat(mvc.get().uri(link[0] + "/" + (attachmentId(id, 1) + 1000)).exchange()).hasStatus(404);
	}

	@Test
	void theLinkDiesWithTheRecipientsErasureAndWithTheEndOfKeeping() {
		Sending sending = notices.sending(NoticeFixtures.residents("d@example.jp", "e@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).subject("保存期間").save();
		attach(sender, id, "a.pdf", "application/pdf", TestFiles.pdf());
		notices.send(sender, id);
		String[] stays = fileLinks(registration.mailTo(sending.addresses().get(0))).get(0);
		MailCatcher.CaughtMail leaving = registration.mailTo(sending.addresses().get(1));
		String[] leaves = fileLinks(leaving).get(0);

		String manage = RegistrationFixtures.link(leaving, "/m/");
		assertThat(mvc.post().uri(manage + "/stop").with(csrf()).exchange()).hasStatusOk();
		assertThat(mvc.get().uri(leaves[0] + "/" + leaves[1]).exchange()).hasStatus(410)
			.bodyText()
			.doesNotContain("%PDF");

		jdbc.sql("UPDATE notice_attachment SET expires_at = :past WHERE notice_id = :n")
			.param("past", OffsetDateTime.now().minus(Duration.ofMinutes(1)))
			.param("n", id)
			.update();
		assertThat(retention.purge()).isOne();
		assertThat(mvc.get().uri(stays[0] + "/" + stays[1]).exchange()).hasStatus(410)
			.bodyText()
			.contains(text("files.expiredTitle"));
	}

	@Test
	void filesAreCheckedByTheirBytesAndRefusedWithAClearMessageStoringNothing() {
		Sending sending = notices.sending(NoticeFixtures.residents("f@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).save();

		assertThat(attachAndShow(sender, id, "setup.pdf", "application/pdf", "MZ\u0090\0 not a pdf".getBytes()))
			.contains(text("attachment.error.type"));
		assertThat(
				attachAndShow(sender, id, "写真.pdf", "application/pdf", TestFiles.encoded(TestFiles.picture(), "png")))
			.contains(text("attachment.error.misnamed", "PNG"));
		assertThat(attachAndShow(sender, id, "script.pdf", "application/pdf",
				TestFiles.pdf(d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert(1)")))))
			.contains(text("attachment.error.pdfActive"));
		assertThat(attachAndShow(sender, id, "empty.pdf", "application/pdf", new byte[0]))
			.contains(text("attachment.error.noFile"));
		assertThat(files(id)).isZero();

		// the limits: 10 MB a file, 10 MB in all, 5 files
		byte[] large = TestFiles.largePdf(1_500);
		assertThat(large.length).isBetween(6_000_000, 10_000_000);
		assertThat(attachAndShow(sender, id, "large.pdf", "application/pdf", large)).contains(text("attachment.added"));
		assertThat(attachAndShow(sender, id, "large2.pdf", "application/pdf", large))
			.contains(text("attachment.error.totalTooLarge", "10 MB"));
		assertThat(attachAndShow(sender, id, "huge.pdf", "application/pdf", new byte[10 * 1024 * 1024 + 1]))
			.contains(text("attachment.error.fileTooLarge", "10 MB"));
		assertThat(files(id)).isOne();
		post(mvc, sender, "/notices/" + id + "/attachments/" + attachmentId(id, 1) + "/delete");
		assertThat(files(id)).isZero();
		for (int i = 1; i <= 5; i++) {
			attach(sender, id, "p" + i + ".pdf", "application/pdf", TestFiles.pdf());
		}
		assertThat(attachAndShow(sender, id, "p6.pdf", "application/pdf", TestFiles.pdf()))
			.contains(text("attachment.error.tooMany", 5));
		assertThat(files(id)).isEqualTo(5);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'NOTICE_ATTACHMENT_ADDED' AND target = :t")
			.param("t", "notice:" + id)
			.query(Long.class)
			.single()).isEqualTo(6);
	}

	@Test
	void aSentNoticesFilesCannotChangeAndAnApprovedNoticeNeedsApprovingAgain() {
		Sending sending = notices.sending(NoticeFixtures.residents("g@example.jp"));
		TestStaff sender = sending.sender();
		long sent = notices.draft(sending).save();
		notices.send(sender, sent);
		assertThat(attach(sender, sent, "late.pdf", "application/pdf", TestFiles.pdf())).hasStatus3xxRedirection();
		assertThat(files(sent)).isZero();

		notices.requireApproval(sending.manager());
		long approved = notices.draft(sending).save();
		assertThat(notices.release(sender, approved)).hasStatus3xxRedirection();
		assertThat(notices.state(approved)).isEqualTo("PENDING_APPROVAL");
		assertThat(post(mvc, sending.manager(), "/notices/" + approved + "/approve")).hasStatus3xxRedirection();
		assertThat(notices.state(approved)).isEqualTo("APPROVED");
		attach(sender, approved, "new.pdf", "application/pdf", TestFiles.pdf());
		assertThat(files(approved)).isOne();
		assertThat(notices.state(approved)).isEqualTo("DRAFT");

		// so does a version in another language
		notices.release(sender, approved);
		assertThat(post(mvc, sending.manager(), "/notices/" + approved + "/approve")).hasStatus3xxRedirection();
		assertThat(notices.state(approved)).isEqualTo("APPROVED");
		assertThat(post(mvc, sender, "/notices/" + approved + "/versions/en", "subject", "Notice", "text", "Text"))
			.hasStatus3xxRedirection();
		assertThat(notices.state(approved)).isEqualTo("DRAFT");
	}

	@Test
	void anotherBodysStaffFindNoFileAndChangeNothing() {
		Sending sending = notices.sending(NoticeFixtures.residents("h@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).save();
		attach(sender, id, "a.pdf", "application/pdf", TestFiles.pdf());
		long attachment = attachmentId(id, 1);
		TestStaff stranger = staff.sender(staff.manager(staff.body()));

		assertThat(attach(stranger, id, "b.pdf", "application/pdf", TestFiles.pdf())).hasStatus(404);
		assertThat(mvc.get().uri("/notices/" + id + "/attachments/" + attachment).with(stranger.signedIn()))
			.hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/attachments/" + attachment + "/delete")).hasStatus(404);
		assertThat(post(mvc, stranger, "/notices/" + id + "/attachments/mail", "mailed", "true")).hasStatus(404);
		assertThat(files(id)).isOne();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_file_mailing WHERE notice_id = :n")
			.param("n", id)
			.query(Long.class)
			.single()).isZero();
		assertThat(notices.state(id)).isEqualTo("DRAFT");
	}

}
