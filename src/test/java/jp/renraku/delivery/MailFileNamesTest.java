package jp.renraku.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names of files attached to a mail (issue 20): any name reads back whole, and no
 * header line is longer than RFC 5322 allows, however long the name.
 */
class MailFileNamesTest {

	@Test
	void longAndRareNamesReadBackWholeOnShortLines() throws Exception {
		for (String name : List.of("案内.pdf", "a.pdf", "😀".repeat(95) + ".pdf", "𠮷野家".repeat(30) + ".png",
				"給食だより 12月号（改訂版）.pdf")) {
			byte[] body = MimeParts.mixed("b1", "text/plain; charset=UTF-8", "base64", "dGV4dA==".getBytes(),
					List.of(new LetterWriter.MailFile("application/pdf", name, "JVBERi0=".getBytes())));
			String raw = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
					+ new String(body, StandardCharsets.US_ASCII) + "\r\n";
			assertThat(raw.lines()).as(name).allMatch(line -> line.length() <= 998);
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
			MimeBodyPart file = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(1);
			assertThat(MimeUtility.decodeText(file.getFileName())).as(name).isEqualTo(name);
			assertThat(file.getInputStream().readAllBytes()).isEqualTo("%PDF-".getBytes(StandardCharsets.US_ASCII));
		}
	}

}
