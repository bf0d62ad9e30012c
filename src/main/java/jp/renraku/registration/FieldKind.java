package jp.renraku.registration;

/**
 * Kinds of a list's own questions. Message key: {@code list.fieldKind.NAME}.
 */
public enum FieldKind {

	TEXT, SINGLE_CHOICE, MULTIPLE_CHOICE

}
