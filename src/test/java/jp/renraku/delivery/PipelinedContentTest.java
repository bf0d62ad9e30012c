package jp.renraku.delivery;

import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.InternetAddress;
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
		try (PipeliningSmtpServer relay = new PipeliningSmtpServer(PipeliningSmtpServer.Script.accepting(pipelining));
				SmtpConnection connection = new SmtpConnection(DeliveryFixtures.plain(relay.port()), 10)) {
			assertThat(connection.pipelining()).isEqualTo(pipelining);
			RenderedMessage message = new RenderedMessage(connection.session(),
					MESSAGE.getBytes(StandardCharsets.UTF_8));
			message.setEnvelopeFrom("renraku@city.example.jp");
			assertThat(connection.send(message, new InternetAddress("a@example.jp")).accepted()).isTrue();
			return relay.messages.get("a@example.jp");
		}
	}

	@Test
	void pipelinedAndJakartaMailSendTheSameBytes() throws Exception {
		String pipelined = received(true);
		assertThat(pipelined).isEqualTo(received(false))
			.contains("\r\n.one dot\r\n..two dots\r\nlone lf\r\n")
			.endsWith("\r\n.\r\nlast line without break\r\n");
	}

}
