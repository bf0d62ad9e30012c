package jp.renraku.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipelined sender's reading of replies and writing of message content. */
class SmtpWireTest {

	private static InputStream wire(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String stuffed(String message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DotStuffing.write(message.getBytes(StandardCharsets.UTF_8), out);
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void repliesAreReadOneAfterAnotherWithAllTheirLines() throws IOException {
		InputStream in = wire("250 2.1.0 ok\r\n550-5.1.1 no such user\r\n550 5.1.1 see the list\r\n354 go ahead\r\n");
		assertThat(SmtpReply.read(in)).isEqualTo(new SmtpReply(250, "250 2.1.0 ok"));
		SmtpReply refused = SmtpReply.read(in);
		assertThat(refused.code()).isEqualTo(550);
		assertThat(refused.positive()).isFalse();
		assertThat(refused.text()).isEqualTo("550-5.1.1 no such user\n550 5.1.1 see the list");
		assertThat(SmtpReply.read(in).code()).isEqualTo(354);
	}

	@Test
	void aClosedConnectionOrSomethingThatIsNoReplyIsAnError() throws IOException {
		assertThatThrownBy(() -> SmtpReply.read(wire("250-more to come\r\n"))).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> SmtpReply.read(wire(""))).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> SmtpReply.read(wire("Subject: hello\r\n"))).isInstanceOf(IOException.class);
		assertThat(SmtpReply.read(wire("421 4.3.2 shutting down\r\n")).closing()).isTrue();
	}

	@Test
	void contentGetsCrlfLinesAndDoubledLeadingDots() {
		assertThat(stuffed("a\r\n.b\r\n..c\r\n")).isEqualTo("a\r\n..b\r\n...c\r\n");
		assertThat(stuffed(".first\nlone lf\rlone cr\r\n")).isEqualTo("..first\r\nlone lf\r\nlone cr\r\n");
		assertThat(stuffed("no line break at the end")).isEqualTo("no line break at the end\r\n");
		assertThat(stuffed("a.b\r\n.\r\n")).isEqualTo("a.b\r\n..\r\n");
	}

}
