package jp.renraku.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The INSTREAM client against a real clamd, over TCP and over its Unix socket. */
class ClamdTest {

	static ClamdServer server;

	@BeforeAll
	static void startClamd() throws Exception {
		server = ClamdServer.start();
	}

	@AfterAll
	static void stopClamd() throws Exception {
		if (server != null) {
			server.stop();
		}
	}

	private static ByteArrayInputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void eicarIsFoundOverTcpAndCleanTextIsNot() throws IOException {
		Clamd tcp = server.client();
		assertThat(tcp.scan(bytes(ClamdServer.EICAR)).signature()).startsWith("Renraku-Test.EICAR");
		assertThat(tcp.scan(bytes("a,b,c\r\n")).infected()).isFalse();
	}

	@Test
	void eicarInsideALargerFileIsFoundOverTheUnixSocket() throws IOException {
		Clamd unix = new Clamd(new ScanProperties(null, null, server.socket().toString(), Duration.ofSeconds(5)));
		String inside = "%PDF-1.4\n" + "x".repeat(200_000) + ClamdServer.EICAR + "\n%%EOF\n";
		assertThat(unix.scan(bytes(inside)).signature()).startsWith("Renraku-Test.EICAR-Body");
		assertThat(unix.ping()).isTrue();
	}

	@Test
	void aScannerThatDoesNotAnswerIsAnError() {
		Clamd nobody = new Clamd(new ScanProperties(null, null, server.socket() + ".missing", Duration.ofSeconds(1)));
		assertThatThrownBy(() -> nobody.scan(bytes("a"))).isInstanceOf(IOException.class);
		assertThat(nobody.ping()).isFalse();
	}

}
