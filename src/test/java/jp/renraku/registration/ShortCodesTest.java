package jp.renraku.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShortCodesTest {

	@Test
	void aTypedCodeIsReadWithoutCaseDashesSpacesOrFullWidth() {
		assertThat(ShortCodes.canonical("ABCD-EFGH")).hasValue("ABCDEFGH");
		assertThat(ShortCodes.canonical("abcd-efgh")).hasValue("ABCDEFGH");
		assertThat(ShortCodes.canonical(" abcd efgh ")).hasValue("ABCDEFGH");
		assertThat(ShortCodes.canonical("ＡＢＣＤ－ＥＦＧＨ")).as("typed with a Japanese input method").hasValue("ABCDEFGH");
		assertThat(ShortCodes.canonical("abcd\u30fcefgh")).as("the long vowel mark an input method makes of -")
			.hasValue("ABCDEFGH");
		assertThat(ShortCodes.canonical("abcd\u2010efgh")).hasValue("ABCDEFGH");
	}

	@Test
	void lookAlikesAndWrongLengthsAreNoCode() {
		assertThat(ShortCodes.canonical("ABCD-EFG0")).isEmpty();
		assertThat(ShortCodes.canonical("ABCD-EFGO")).isEmpty();
		assertThat(ShortCodes.canonical("ABCD-EFG1")).isEmpty();
		assertThat(ShortCodes.canonical("ABCD-EFGI")).isEmpty();
		assertThat(ShortCodes.canonical("abcd-efgl")).isEmpty();
		assertThat(ShortCodes.canonical("ABCD-EFG")).isEmpty();
		assertThat(ShortCodes.canonical("ABCD-EFGHJ")).isEmpty();
		assertThat(ShortCodes.canonical("")).isEmpty();
		assertThat(ShortCodes.canonical(null)).isEmpty();
	}

	@Test
	void newCodesAreOfTheAlphabetAndShownInTwoGroups() {
		for (int i = 0; i < 1000; i++) {
			String code = ShortCodes.random();
			assertThat(code).hasSize(8).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}");
			assertThat(ShortCodes.canonical(ShortCodes.grouped(code))).hasValue(code);
		}
		assertThat(ShortCodes.grouped("ABCDEFGH")).isEqualTo("ABCD-EFGH");
		assertThat(ShortCodes.ALPHABET).hasSize(31).doesNotContain("0", "O", "1", "I", "L");
	}

}
