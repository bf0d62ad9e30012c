package jp.renraku.delivery;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renraku's own RFC 2047 encoder writes subjects byte for byte as Jakarta Mail did, so
 * that moving off it changed nothing a resident's phone receives.
 */
class EncodedWordsTest {

	private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, Iso2022Jp.CHARSET);

	@Test
	void writesWhatJakartaMailWrites() throws Exception {
		List<String> subjects = List.of("Plain ASCII subject", "【訓練】避難情報 山田 太郎", "【養父市教育委員会】" + "あ".repeat(80),
				"mostly ASCII with one é", "tab\tand ascii", "🙂 絵文字 🙂".repeat(9), "x", "あ", "");
		for (Charset charset : CHARSETS) {
			for (String subject : subjects) {
				assertThat(EncodedWords.encode(subject, charset)).as("%s in %s", subject, charset)
					.isEqualTo(MimeUtility.encodeText(subject, charset.name(), "B"));
			}
		}
	}

	@Test
	void writesWhatJakartaMailWritesForAnyText() throws Exception {
		Random random = new Random(20261201);
		String alphabet = "abcXYZ 0123.,【】（）・ー漢字かなカナ①㈱髙﨑🙂\u3000";
		for (int n = 0; n < 2000; n++) {
			StringBuilder subject = new StringBuilder();
			int length = random.nextInt(120);
			while (subject.length() < length) {
				subject.appendCodePoint(alphabet.codePointAt(
						alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
			}
			String text = subject.toString();
			assertThat(EncodedWords.encode(text, StandardCharsets.UTF_8)).as(text)
				.isEqualTo(MimeUtility.encodeText(text, "UTF-8", "B"));
			assertThat(EncodedWords.encode(text, Iso2022Jp.CHARSET)).as(text)
				.isEqualTo(MimeUtility.encodeText(text, Iso2022Jp.CHARSET.name(), "B"));
		}
	}

}
