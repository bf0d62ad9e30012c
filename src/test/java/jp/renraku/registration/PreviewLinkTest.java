package jp.renraku.registration;

import jp.renraku.RenrakuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stop link of a test send (its List-Unsubscribe) answers that it belongs to a test,
 * in a browser and to a mail program's one-click POST, and stops nobody.
 */
@RenrakuIntegrationTest
class PreviewLinkTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void theTestSendsStopLinkSaysWhatItIsAndChangesNothing() {
		assertThat(mvc.get().uri("/m/preview/unsubscribe").exchange()).hasStatusOk()
			.bodyText()
			.contains("テスト送信のリンクです")
			.contains("このリンクでは何も変わりません");
		assertThat(mvc.post().uri("/m/preview/unsubscribe").param("List-Unsubscribe", "One-Click").exchange())
			.hasStatusOk();
	}

}
