package jp.renraku.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bytes the relay gets, read back as a mail program would. Nothing a sender or
 * registrant typed can add a header: line breaks in the subject or in a name become
 * spaces, and the message has exactly one recipient.
 */
class MessageRendererTest {

	private static final Session SESSION = session();

	private static Session session() {
		Properties props = new Properties();
		props.put("mail.mime.address.strict", "false");
		return Session.getInstance(props);
	}

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private static final Sender SENDER = new Sender("市役所", null, null, Contact.NONE);

	private static StaticMessageSource messages() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("mail.footer.sender", Locale.JAPANESE, "---\n{0}");
		messages.addMessage("mail.footer.manage", Locale.JAPANESE, "manage:");
		messages.addMessage("mail.nameIfUnknown", Locale.JAPANESE, "登録者");
		return messages;
	}

	private static MessageRenderer renderer() {
		return new MessageRenderer("市役所 <renraku@city.example.jp>", messages(), TOKYO);
	}

	private static Recipient recipient(String email, String name) {
		return new Recipient(7, email, name, "https://renraku.example/m/7.x.y",
				"https://renraku.example/m/7.x.y/unsubscribe", SENDER);
	}

	/** What the transport writes, through the same stream the SMTP session uses. */
	private static byte[] sent(MimeMessage message) throws Exception {
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw, new String[] { "Bcc", "Content-Length" });
		return raw.toByteArray();
	}

	private static MimeMessage read(byte[] bytes) throws Exception {
		return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
	}

	@Test
	void lineBreaksInSubjectAndNameCannotAddHeaders() throws Exception {
		NoticeContent content = new NoticeContent("件名 {{氏名}}\r\nBcc: spy@example.jp\nX-Evil: 1", "{{氏名}} 本文\r\n.\r\n",
				false);
		byte[] bytes = sent(renderer().render(SESSION, 42, 9, content,
				recipient("taro..yamada.@docomo.ne.jp", "太郎\r\nBcc: victim@example.jp"), true,
				DeliverySettings.MailCharset.ISO_2022_JP));
		String text = new String(bytes, StandardCharsets.UTF_8);
		String headers = text.substring(0, text.indexOf("\r\n\r\n"));
		assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4))
			.noneMatch(line -> line.startsWith("X-Evil"));
		MimeMessage message = read(bytes);
		assertThat(message.getAllRecipients()).hasSize(1);
		assertThat(message.getHeader("To", ",")).isEqualTo("taro..yamada.@docomo.ne.jp");
		assertThat(message.getHeader("Message-ID", null)).isEqualTo("<42.9.renraku@city.example.jp>");
		assertThat(message.getSubject()).startsWith("件名 太郎  Bcc: victim@example.jp  Bcc: spy@example.jp");
		assertThat(message.getFrom()[0].toString()).contains("renraku@city.example.jp");
		assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("市役所");
		assertThat(message.getSentDate()).isNotNull();
		assertThat(message.getHeader("List-Unsubscribe", null))
			.isEqualTo("<https://renraku.example/m/7.x.y/unsubscribe>");
		assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(message.getHeader("Precedence", null)).isEqualTo("bulk");
		// every line ends in CRLF, whatever the form sent
		assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
		assertThat((String) message.getContent()).startsWith("太郎\r\nBcc: victim@example.jp 本文\r\n.\r\n");
	}

	@Test
	void eightBitTextGoesAsItIsAndVeryLongLinesAsBase64() throws Exception {
		NoticeContent shortLines = new NoticeContent("お知らせ", "短い行です。\n二行目。", false);
		MimeMessage plain = read(sent(renderer().render(SESSION, 1, 2, shortLines, recipient("a@example.jp", "青木"),
				true, DeliverySettings.MailCharset.UTF_8)));
		assertThat(plain.getHeader("Content-Transfer-Encoding", null)).isEqualTo("8bit");
		assertThat((String) plain.getContent()).startsWith("短い行です。\r\n二行目。");

		// 400 kanji are 1,200 octets in UTF-8: more than an SMTP line may hold
		String longLine = "長".repeat(400);
		MimeMessage wide = read(sent(renderer().render(SESSION, 1, 2, new NoticeContent("お知らせ", longLine, false),
				recipient("a@example.jp", "青木"), true, DeliverySettings.MailCharset.UTF_8)));
		assertThat(wide.getHeader("Content-Transfer-Encoding", null)).isEqualTo("base64");
		assertThat((String) wide.getContent()).startsWith(longLine);

		MimeMessage noEightBit = read(sent(renderer().render(SESSION, 1, 2, shortLines, recipient("a@example.jp", "青木"),
				false, DeliverySettings.MailCharset.UTF_8)));
		assertThat(noEightBit.getHeader("Content-Transfer-Encoding", null)).isEqualTo("base64");
		assertThat((String) noEightBit.getContent()).startsWith("短い行です。");
	}

	@Test
	void aLongSubjectIsFoldedAndReadsBackWhole() throws Exception {
		String subject = "【重要】" + "台風第十号の接近に伴う臨時休校と避難所開設のお知らせ".repeat(3);
		MimeMessage message = read(sent(renderer().render(SESSION, 1, 2, new NoticeContent(subject, "本文", false),
				recipient("a@example.jp", "青木"), true, DeliverySettings.MailCharset.UTF_8)));
		assertThat(message.getSubject()).isEqualTo(subject);
		String raw = new String(
				sent(renderer().render(SESSION, 1, 2, new NoticeContent(subject, "本文", false),
						recipient("a@example.jp", "青木"), true, DeliverySettings.MailCharset.UTF_8)),
				StandardCharsets.US_ASCII);
		assertThat(raw.substring(0, raw.indexOf("\r\n\r\n")).lines()).allMatch(line -> line.length() <= 78);
	}

	@Test
	void anAddressWithALineBreakIsRefused() {
		assertThatExceptionOfType(MessagingException.class)
			.isThrownBy(() -> renderer().render(SESSION, 1, 2, new NoticeContent("件名", "本文", false),
					recipient("a@example.jp\r\nBcc: b@example.jp", "青木"), true, DeliverySettings.MailCharset.UTF_8));
	}

	@Test
	void carrierMailIsSevenBitIso2022Jp() throws Exception {
		NoticeContent content = new NoticeContent("①お知らせ", "{{氏名}}様 ㈱本文", false);
		byte[] bytes = sent(renderer().render(SESSION, 42, 9, content, recipient("k@docomo.ne.jp", "ﾔﾏﾀﾞ"), true,
				DeliverySettings.MailCharset.ISO_2022_JP));
		for (byte b : bytes) {
			assertThat(b & 0xFF).isLessThan(0x80);
		}
		String text = new String(bytes, StandardCharsets.US_ASCII);
		assertThat(text).contains("=?ISO-2022-JP?B?").contains("\u001b$B");
		MimeMessage message = read(bytes);
		assertThat(message.getSubject()).isEqualTo("(1)お知らせ");
		assertThat((String) message.getContent()).startsWith("ヤマダ様 (株)本文");
	}

	@Test
	void openTrackingAddsAnHtmlPartWithTheImageButNotForCarrierPhones() throws Exception {
		MessageRenderer tracking = new MessageRenderer("renraku@city.example.jp", messages(), TOKYO, id -> "",
				id -> "https://renraku.example/o/tok" + id, id -> "", id -> "");
		NoticeContent content = new NoticeContent("お知らせ", "{{氏名}}様 <b>太字</b> & 詳細 https://city.example.jp/a?b=1&c=2 まで",
				false, false, true);
		MimeMessage message = read(sent(tracking.render(SESSION, 42, 9, content, recipient("a@example.jp", "青木"), true,
				DeliverySettings.MailCharset.UTF_8)));
		assertThat(message.getContentType()).startsWith("multipart/alternative");
		var parts = (MimeMultipart) message.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat((String) parts.getBodyPart(0).getContent()).startsWith("青木様 <b>太字</b> & 詳細");
		String html = (String) parts.getBodyPart(1).getContent();
		assertThat(html).contains("<img src=\"https://renraku.example/o/tok42\"")
			.contains("青木様 &lt;b&gt;太字&lt;/b&gt; &amp; 詳細")
			.contains("<a href=\"https://city.example.jp/a?b=1&amp;c=2\">")
			.doesNotContain("<b>");

		// carrier phones: plain text as ever, no image
		MimeMessage carrier = read(sent(tracking.render(SESSION, 43, 9, content, recipient("k@docomo.ne.jp", "青木"),
				true, DeliverySettings.MailCharset.ISO_2022_JP)));
		assertThat(carrier.getContentType()).startsWith("text/plain");
		// and nothing changes for a notice that does not track
		MimeMessage plain = read(sent(tracking.render(SESSION, 44, 9, new NoticeContent("お知らせ", "本文", false),
				recipient("a@example.jp", "青木"), true, DeliverySettings.MailCharset.UTF_8)));
		assertThat(plain.getContentType()).startsWith("text/plain");
	}

}
