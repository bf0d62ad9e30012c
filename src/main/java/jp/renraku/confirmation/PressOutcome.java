package jp.renraku.confirmation;

/** What became of a press of a confirmation link, or of a sent answer page. */
enum PressOutcome {

	/** The first confirmation of the delivery (answers, if any, stored). */
	RECORDED,
	/** Confirmed before; answers, if any, replaced. */
	ALREADY,
	/** No delivery that went out, or its notice asks for nothing. */
	NOT_FOUND,
	/**
	 * The recipient has stopped or was erased since: nothing of theirs is recorded any
	 * more, and the link answers that their mail has stopped.
	 */
	STOPPED,
	/** The notice no longer takes confirmations. */
	CLOSED,
	/** The notice asks questions: a bare press records nothing. */
	NEEDS_ANSWERS,
	/** The answers sent do not pass the questions' rules: nothing recorded. */
	INVALID,
	/** Nothing wrong: to be recorded (the writer turns it into RECORDED or ALREADY). */
	TO_RECORD

}
