package jp.renraku.registration;

/**
 * A category registrants may pick, such as 避難情報. A mandatory one (災害・緊急) is chosen for
 * every registrant of the list: shown ticked and fixed on the forms, and always part of
 * the audience of a notice narrowed to it.
 */
public record ListCategory(long id, String name, boolean mandatory) {

	public ListCategory(long id, String name) {
		this(id, name, false);
	}

}
