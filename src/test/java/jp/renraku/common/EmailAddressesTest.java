package jp.renraku.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

	@ParameterizedTest
	@ValueSource(strings = { "taro@example.jp", "taro.yamada+kinkyu@city.example.lg.jp", "taro..yamada.@docomo.ne.jp",
			".taro@ezweb.ne.jp", "a@b.co", "o'brien@example.com" })
	void acceptsStandardAndLegacyMobileAddresses(String address) {
		assertThat(EmailAddresses.normalize(address)).hasValue(address);
	}

	@Test
	void lowerCasesOnlyTheDomain() {
		assertThat(EmailAddresses.normalize("  Taro.Yamada@DoCoMo.NE.JP ")).hasValue("Taro.Yamada@docomo.ne.jp");
	}

	@Test
	void acceptsInternationalisedDomainsAndSendsThemAsPunycode() {
		assertThat(EmailAddresses.normalize("info@例え.テスト")).hasValue("info@例え.テスト");
		assertThat(EmailAddresses.toAscii("info@例え.テスト")).isEqualTo("info@xn--r8jz45g.xn--zckzah");
		assertThat(EmailAddresses.normalize("info@ＥＸＡＭＰＬＥ.ｊｐ")).hasValue("info@example.jp");
	}

	@Test
	void readsWhatAJapaneseInputMethodTypesInFullWidth() {
		assertThat(EmailAddresses.normalize("taro＠example.jp")).hasValue("taro@example.jp");
		assertThat(EmailAddresses.normalize("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ")).hasValue("taro@example.jp");
		assertThat(EmailAddresses.normalize("Ｔａｒｏ．Ｙａｍａｄａ＋ｋｉｎｋｙｕ＠ＤｏＣｏＭｏ．ｎｅ．ｊｐ"))
			.hasValue("Taro.Yamada+kinkyu@docomo.ne.jp");
		assertThat(EmailAddresses.normalize("　ｔａｒｏ．．ｙａｍａｄａ．＠ｄｏｃｏｍｏ．ｎｅ．ｊｐ　"))
			.as("a legacy carrier address, and ideographic spaces around it")
			.hasValue("taro..yamada.@docomo.ne.jp");
		assertThat(EmailAddresses.normalize("ｈａｎａ－ｋｏ＿１２＠ｅｚｗｅｂ．ｎｅ．ｊｐ")).hasValue("hana-ko_12@ezweb.ne.jp");
	}

	@ParameterizedTest
	@ValueSource(strings = { "①@example.jp", "ｔａ　ｒｏ＠example.jp", "たろう＠example.jp", "taro＠＠example.jp", "ｔａｒｏ＠ｅｘａｍｐｌｅ",
			"taro＠" })
	void refusesWhatFullWidthDoesNotMakeAnAddress(String address) {
		assertThat(EmailAddresses.normalize(address)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "taro", "@example.jp", "taro@", "taro@localhost", "ta ro@example.jp",
			"taro@exa mple.jp", "taro@example..jp", "taro@-example.jp", "taro@example.123", "\"taro\"@example.jp",
			"taro@exa\nmple.jp", "taro\t@example.jp", "taro\u0000@example.jp", "...@example.jp", "たろう@example.jp",
			"taro@exam_ple.jp", "taro@example.jp." })
	void refusesWhatCannotBeAnAddress(String address) {
		assertThat(EmailAddresses.normalize(address)).isEmpty();
	}

	@Test
	void refusesOverlongAddresses() {
		assertThat(EmailAddresses.normalize("a".repeat(65) + "@example.jp")).isEmpty();
		assertThat(EmailAddresses.normalize("a".repeat(64) + "@example.jp")).isPresent();
	}

}
