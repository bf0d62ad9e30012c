package jp.renraku.organization;

/**
 * The kinds of implementing body named in Art. 2. Message key: {@code body.kind.NAME}.
 */
public enum BodyKind {

	/** 市長 */
	MAYOR,
	/** 教育委員会 */
	BOARD_OF_EDUCATION,
	/** 監査委員 */
	AUDIT_COMMISSIONERS,
	/** 農業委員会 */
	AGRICULTURE_COMMITTEE,
	/** 公営企業管理者 */
	PUBLIC_ENTERPRISE,
	/** 議会 */
	CITY_COUNCIL,
	/** その他 */
	OTHER

}
