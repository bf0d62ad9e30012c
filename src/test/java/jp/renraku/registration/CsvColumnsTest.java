package jp.renraku.registration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV headers are a file format: import reads back what export wrote, and files
 * written years ago must still import. Their texts come from message keys, so this test
 * fails if a translation of the Japanese texts changes them.
 */
class CsvColumnsTest {

	private final CsvColumns columns = new CsvColumns(messages());

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	void headersAreTheJapaneseOfEveryFileWrittenBefore() {
		RegistrationList list = new RegistrationList(1, 1, "n", "t", "P", Instant.EPOCH, true, "p",
				LocalDate.of(2026, 4, 1), null, "u", "e", Verification.NONE, null, "d", "x", true, true, true, true,
				true, null, List.of("1年1組"), 30, null, List.of(new ListCategory(7, "気象警報")),
				List.of(new CustomField(9, "連絡してほしい時間帯", FieldKind.TEXT, List.of(), false)));
		assertThat(columns.items(list)).containsExactly("メールアドレス", "氏名", "ふりがな", "郵便番号", "住所", "所属", "電話番号", "分類:気象警報",
				"連絡してほしい時間帯");
		assertThat(columns.state()).isEqualTo("状態");
		assertThat(columns.registeredAt()).isEqualTo("登録日時");
		assertThat(columns.stateCell(RegistrantState.ACTIVE)).isEqualTo("配信中");
		assertThat(columns.stateCell(RegistrantState.PENDING)).isEqualTo("承認待ち");
	}

}
