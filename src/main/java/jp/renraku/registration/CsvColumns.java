package jp.renraku.registration;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a list's CSV file, in order, with Japanese headers that office staff
 * recognise. Export and import use the same columns, so a file round-trips.
 */
final class CsvColumns {

	static final String EMAIL = "メールアドレス";

	static final String NAME = "氏名";

	static final String FURIGANA = "ふりがな";

	static final String POSTAL_CODE = "郵便番号";

	static final String ADDRESS = "住所";

	static final String PHONE = "電話番号";

	static final String STATE = "状態";

	static final String REGISTERED_AT = "登録日時";

	static final String CATEGORY_PREFIX = "分類:";

	private CsvColumns() {
	}

	static String affiliation(RegistrationList list) {
		return list.affiliationLabel() == null ? "所属" : list.affiliationLabel();
	}

	/** The item columns (what import reads); export adds state and registration time. */
	static List<String> items(RegistrationList list) {
		List<String> columns = new ArrayList<>();
		columns.add(EMAIL);
		if (list.collectName()) {
			columns.add(NAME);
		}
		if (list.collectFurigana()) {
			columns.add(FURIGANA);
		}
		if (list.collectAddress()) {
			columns.add(POSTAL_CODE);
			columns.add(ADDRESS);
		}
		if (list.collectAffiliation()) {
			columns.add(affiliation(list));
		}
		if (list.collectPhone()) {
			columns.add(PHONE);
		}
		list.categories().forEach(c -> columns.add(CATEGORY_PREFIX + c.name()));
		list.customFields().forEach(f -> columns.add(f.label()));
		return columns;
	}

}
