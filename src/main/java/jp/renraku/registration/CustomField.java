package jp.renraku.registration;

import java.util.List;

/**
 * One of a list's own questions.
 */
public record CustomField(long id, String label, FieldKind kind, List<String> options, boolean required) {

	public boolean choice() {
		return kind != FieldKind.TEXT;
	}

}
