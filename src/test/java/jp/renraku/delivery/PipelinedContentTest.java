package jp.renraku.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.function.Function;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jp.renraku.common.Contact;
import jp.renraku.common.Sender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message reaches the relay as the same bytes whether it was pipelined or sent by
 * Jakarta Mail: lines that begin with a dot, lone line feeds, 8-bit text and a last line
 * without a line break.
 */
class PipelinedContentTest {

	private static final String MESSAGE = "Subject: test\r\nTo: a@example.jp\r\n\r\n.one dot\r\n..two dots\nlone lf\r\n"
			+ "日本語の行\r\n.\r\nlast line without break";

	private static String received(boolean pipelining) throws Exception {
		return received(pipelining, session -> new RenderedMessage(session, MESSAGE.getBytes(StandardCharsets.UTF_8)));
	}

	private static String received(boolean pipelining, Function<Session, RenderedMessage> written) throws Exception {
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(PipeliningSmtpServer.Script.accepting(pipelining));
				SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 10)) {
			assertThat(connection.pipelining()).isEqualTo(pipelining);
			RenderedMessage message = written.apply(connection.session());
			message.setEnvelopeFrom("renraku@city.example.jp");
			assertThat(connection.send(message, new InternetAddress("a@example.jp")).accepted()).isTrue();
			return relay.messages.get("a@example.jp");
		}
	}

	private static LetterWriter.Letter letter(String text) {
		return new LetterWriter.Letter("a@example.jp", new Sender("市役所", null, null, Contact.NONE),
				"renraku@city.example.jp", "お知らせ", null, text, "<1.2.renraku@city.example.jp>", null, null, true, null,
				"=_b", true);
	}

	@Test
	void aMessageWithoutDotsGoesAsItIsAndArrivesAsThroughJakartaMail() throws Exception {
		LetterWriter writer = new LetterWriter(ZoneId.of("Asia/Tokyo"));
		LetterWriter.Written written = writer.write(letter("一行目\n二行目の. は行の途中\r\n三行目"), true,
				DeliverySettings.MailCharset.UTF_8);
		assertThat(written.dotFree()).isTrue();
		assertThat(writer.write(letter("一行目\n.二行目"), true, DeliverySettings.MailCharset.UTF_8).dotFree()).isFalse();
		assertThat(writer.write(letter(".一行目"), false, DeliverySettings.MailCharset.ISO_2022_JP).dotFree()).isFalse();
		String pipelined = received(true, session -> new RenderedMessage(session, written));
		assertThat(pipelined).isEqualTo(received(false, session -> new RenderedMessage(session, written)))
			.contains("\r\n\r\n一行目\r\n二行目の. は行の途中\r\n三行目\r\n");
	}

	@Test
	void pipelinedAndJakartaMailSendTheSameBytes() throws Exception {
		String pipelined = received(true);
		assertThat(pipelined).isEqualTo(received(false))
			.contains("\r\n.one dot\r\n..two dots\r\nlone lf\r\n")
			.endsWith("\r\n.\r\nlast line without break\r\n");
	}

}
