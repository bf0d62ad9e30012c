package jp.renraku.registration;

/**
 * How a list verifies who registers (Art. 7 item 5). Message key:
 * {@code list.verification.NAME}.
 */
public enum Verification {

	/** Registered as soon as the address is confirmed. */
	NONE,
	/** Pending until an operations manager approves. */
	APPROVAL

}
