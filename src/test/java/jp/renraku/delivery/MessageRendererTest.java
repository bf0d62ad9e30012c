package jp.renraku.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a sender or registrant typed can add a header: line breaks in the subject or in
 * a name become spaces, and the rendered message has exactly one recipient.
 */
class MessageRendererTest {

	private static MessageRenderer renderer() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("mail.footer", Locale.JAPANESE, "---\n{0}");
		messages.addMessage("mail.nameIfUnknown", Locale.JAPANESE, "登録者");
		return new MessageRenderer("renraku@city.example.jp", messages);
	}

	@Test
	void lineBreaksInSubjectAndNameCannotAddHeaders() throws Exception {
		Recipient recipient = new Recipient(7, "taro..yamada.@docomo.ne.jp", "太郎\r\nBcc: victim@example.jp",
				"https://renraku.example/m/7.x.y", "https://renraku.example/m/7.x.y/unsubscribe");
		NoticeContent content = new NoticeContent("件名 {{氏名}}\r\nBcc: spy@example.jp\nX-Evil: 1", "{{氏名}} 本文\r\n.\r\n",
				false);
		Properties props = new Properties();
		props.put("mail.mime.address.strict", "false");
		MimeMessage message = renderer().render(Session.getInstance(props), 42, 9, content, recipient);
		message.saveChanges();
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		String text = raw.toString(StandardCharsets.UTF_8);
		String headers = text.substring(0, text.indexOf("\r\n\r\n"));
		assertThat(headers.lines()).noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4))
			.noneMatch(line -> line.startsWith("X-Evil"));
		assertThat(message.getAllRecipients()).hasSize(1);
		assertThat(message.getHeader("To", ",")).isEqualTo("taro..yamada.@docomo.ne.jp");
		assertThat(message.getHeader("Message-ID", null)).isEqualTo("<42.9.renraku@city.example.jp>");
		assertThat(message.getSubject()).startsWith("件名 太郎  Bcc: victim@example.jp  Bcc: spy@example.jp");
	}

	@Test
	void carrierMailIsSevenBitIso2022Jp() throws Exception {
		Recipient recipient = new Recipient(7, "k@docomo.ne.jp", "ﾔﾏﾀﾞ", "https://renraku.example/m/7.x.y",
				"https://renraku.example/m/7.x.y/unsubscribe");
		NoticeContent content = new NoticeContent("①お知らせ", "{{氏名}}様 ㈱本文", false);
		MimeMessage message = renderer().render(Session.getInstance(new Properties()), 42, 9, content, recipient, true,
				DeliverySettings.MailCharset.ISO_2022_JP);
		message.saveChanges();
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		byte[] bytes = raw.toByteArray();
		for (byte b : bytes) {
			assertThat(b & 0xFF).isLessThan(0x80);
		}
		String text = raw.toString(StandardCharsets.US_ASCII);
		assertThat(text).contains("=?ISO-2022-JP?B?").contains("\u001b$B");
		assertThat(message.getSubject()).isEqualTo("(1)お知らせ");
		assertThat((String) message.getContent()).startsWith("ヤマダ様 (株)本文");
	}

}
