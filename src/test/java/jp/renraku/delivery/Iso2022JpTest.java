package jp.renraku.delivery;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What older carrier phones get instead of characters JIS X 0208 lacks. */
class Iso2022JpTest {

	@Test
	void platformCharactersAreWrittenAsAPersonWould() {
		assertThat(Iso2022Jp.normalise("①集合 ⑳番 ㈱市役所 ｶﾞｯｺｳ ﾊﾟﾝ 10～12時 ＴＥＬ℡ Ⅲ組 －5℃ ㍉"))
			.hasValue("(1)集合 (20)番 (株)市役所 ガッコウ パン 10〜12時 ＴＥＬTEL III組 −5℃ ミリ");
	}

	@Test
	void textAlreadyInTheRepertoireIsUnchanged() {
		String text = "台風第10号の接近に伴い、明日は臨時休校とします。\nhttps://renraku.example/m/1.abc_DEF-2\n";
		assertThat(Iso2022Jp.normalise(text)).hasValue(text);
	}

	@Test
	void everyResultCanBeEncoded() {
		String normalised = Iso2022Jp.normalise("ｱｲｳｴｵﾞﾟ｡｢｣､･ ①②③ ㈱㈲ ～∥－￠￡￢ ― •").orElseThrow();
		assertThat(Iso2022Jp.CHARSET.newEncoder().canEncode(normalised)).isTrue();
		// no JIS X 0201 katakana escape, which RFC 1468 does not allow
		assertThat(new String(normalised.getBytes(Iso2022Jp.CHARSET), StandardCharsets.ISO_8859_1))
			.doesNotContain("\u001b(I");
	}

	@Test
	void aCharacterWithNoFormThereIsNotDroppedButRefused() {
		assertThat(Iso2022Jp.normalise("髙橋さん")).isEmpty();
		assertThat(Iso2022Jp.normalise("避難所🏫")).isEmpty();
		assertThat(Iso2022Jp.normalise("Café")).isEmpty();
	}

}
