package jp.renraku.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The columns of a list's CSV file, in order, with Japanese headers that office staff
 * recognise. Export and import use the same columns, so a file round-trips. The headers
 * are message keys ({@code csv.column.*}) but always read in Japanese, whatever the
 * operator's language: they are a file format that import reads back, so changing one of
 * the Japanese texts makes files written before it unreadable.
 */
@Component
class CsvColumns {

	/** The language of the file, not of the operator. */
	private static final Locale FILE_LOCALE = Locale.JAPANESE;

	private final MessageSource messages;

	CsvColumns(MessageSource messages) {
		this.messages = messages;
	}

	String email() {
		return header("email");
	}

	String name() {
		return header("name");
	}

	String furigana() {
		return header("furigana");
	}

	String postalCode() {
		return header("postalCode");
	}

	String address() {
		return header("address");
	}

	String phone() {
		return header("phone");
	}

	/** Export only: the registrant's state. */
	String state() {
		return header("state");
	}

	/** Export only: when the registrant registered. */
	String registeredAt() {
		return header("registeredAt");
	}

	/** The column of a category: the prefix and the category's name. */
	String category(ListCategory category) {
		return header("categoryPrefix") + category.name();
	}

	/** The list's own label for affiliation, or the default header. */
	String affiliation(RegistrationList list) {
		return list.affiliationLabel() == null ? header("affiliation") : list.affiliationLabel();
	}

	/** A registrant's state as the file shows it. */
	String stateCell(RegistrantState state) {
		return messages.getMessage("registrant.state." + state.name(), null, FILE_LOCALE);
	}

	/** The item columns (what import reads); export adds state and registration time. */
	List<String> items(RegistrationList list) {
		List<String> columns = new ArrayList<>();
		columns.add(email());
		if (list.collectName()) {
			columns.add(name());
		}
		if (list.collectFurigana()) {
			columns.add(furigana());
		}
		if (list.collectAddress()) {
			columns.add(postalCode());
			columns.add(address());
		}
		if (list.collectAffiliation()) {
			columns.add(affiliation(list));
		}
		if (list.collectPhone()) {
			columns.add(phone());
		}
		list.categories().forEach(c -> columns.add(category(c)));
		list.customFields().forEach(f -> columns.add(f.label()));
		return columns;
	}

	private String header(String column) {
		return messages.getMessage("csv.column." + column, null, FILE_LOCALE);
	}

}
