package jp.renraku.common;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A city's own wording in one file (issue 19) wins for its language only; a staff text
 * asked for in a resident language is Japanese; a key without a language stops start-up.
 */
class MessageOverridesTest {

	@TempDir
	Path folder;

	private MessageSource messages(String lines) throws Exception {
		Path file = folder.resolve("own.properties");
		Files.writeString(file, lines, StandardCharsets.UTF_8);
		return new WebConfiguration().messageSource(file.toString());
	}

	@Test
	void theOwnWordingWinsForItsLanguageOnly() throws Exception {
		MessageSource messages = messages("""
				vi.public.title=Đăng ký nhận thư phòng chống thiên tai
				ja-easy.public.title=ぼうさいメール
				ja.public.sent.text={0} に送りました
				""");
		assertThat(messages.getMessage("public.title", null, Language.VI.locale()))
			.isEqualTo("Đăng ký nhận thư phòng chống thiên tai");
		assertThat(messages.getMessage("public.title", null, Language.EASY_JA.locale())).isEqualTo("ぼうさいメール");
		assertThat(messages.getMessage("public.title", null, Locale.JAPANESE)).isEqualTo("メール配信の登録");
		assertThat(messages.getMessage("public.title", null, Language.KO.locale())).isEqualTo("메일 수신 등록");
		assertThat(messages.getMessage("public.sent.text", new Object[] { "a@example.jp" }, Locale.JAPANESE))
			.isEqualTo("a@example.jp に送りました");
	}

	@Test
	void aStaffTextInAResidentLanguageIsJapanese() throws Exception {
		MessageSource messages = new WebConfiguration().messageSource("");
		assertThat(messages.getMessage("nav.notices", null, Language.VI.locale())).isEqualTo("お知らせ");
		assertThat(messages.getMessage("nav.notices", null, Locale.ENGLISH)).isEqualTo("Notices");
	}

	@Test
	void aKeyWithoutItsLanguageStopsTheStart() {
		assertThatThrownBy(() -> messages("public.title=x\n")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("public.title");
	}

}
