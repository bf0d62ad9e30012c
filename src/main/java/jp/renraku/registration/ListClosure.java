package jp.renraku.registration;

/**
 * Why a list takes no registrations (issue 16): said on the list's pages, the operations
 * manager's home and the resident's page, each with what to do.
 */
enum ListClosure {

	/** The body holds no usage permit valid today (Art. 6). */
	NO_PERMIT,
	/** The body is suspended (Art. 6-3). */
	SUSPENDED,
	/** The operations manager closed registration. */
	CLOSED,
	/** The operating period has not begun. */
	NOT_STARTED,
	/** The operating period has ended. */
	ENDED,
	/** The list was erased. */
	ERASED

}
