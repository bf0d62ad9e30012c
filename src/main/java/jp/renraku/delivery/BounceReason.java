package jp.renraku.delivery;

/**
 * Why a mail came back, in the words of RFC 3463 and of the public bounce libraries
 * (sisimai's reasons, merged where they lead to the same action). Each reason has one
 * effect on the resident's address: only a reason that proves the address is gone stops
 * it at once; trouble that may pass counts towards the soft limit; trouble on the city's
 * side (its sender address, its server's reputation, its content) or with one message
 * says nothing about the address and changes nothing.
 */
enum BounceReason {

	/** The mailbox does not exist (5.1.1, "user unknown", 「宛先不明」). */
	USER_UNKNOWN(Effect.STOPS),
	/** The address's domain does not exist or accepts no mail (5.1.2, 5.4.4, null MX). */
	HOST_UNKNOWN(Effect.STOPS),
	/** The mailbox has moved without forwarding (5.1.6). */
	HAS_MOVED(Effect.STOPS),
	/** The account is disabled or suspended (5.2.1): it may come back. */
	SUSPENDED(Effect.COUNTS),
	/** The mailbox is full (5.2.2, 「容量オーバー」). */
	MAILBOX_FULL(Effect.COUNTS),
	/** Delivery was retried until it expired (4.4.7). */
	EXPIRED(Effect.COUNTS),
	/** The receiving system failed (4.3.x, loops, configuration). */
	SYSTEM_ERROR(Effect.COUNTS),
	/** A bounce that says nothing usable. */
	UNDEFINED(Effect.COUNTS),
	/**
	 * The resident's own filter refused the mail (au's {@code 550 : User unknown}, 指定受信):
	 * the address lives; the resident needs the allow-list guidance.
	 */
	FILTERED(Effect.NOTES),
	/** The message was too big for the receiving server (5.3.4). */
	MESSAGE_TOO_BIG(Effect.NOTES),
	/** The city's sending server is refused: block lists, reverse DNS, reputation. */
	BLOCKED(Effect.NOTES),
	/** The content was taken for spam or a virus. */
	CONTENT(Effect.NOTES),
	/** Too many messages, recipients or connections: the city sent too fast. */
	RATE_LIMITED(Effect.NOTES),
	/** The city's sender (return path) address was refused (5.1.7, 5.1.8). */
	SENDER_REJECTED(Effect.NOTES),
	/** Another policy: SPF / DKIM / DMARC, relaying, TLS required (5.7.x). */
	POLICY(Effect.NOTES),
	/** A complaint (feedback report, RFC 5965): the resident marked the mail as spam. */
	FEEDBACK(Effect.NOTES),
	/** An auto-reply or a person's mail that reached the return path: not a bounce. */
	VACATION(Effect.NOTES);

	/** What a bounce of the reason does to the address. */
	enum Effect {

		/** Stops mail to the address at once. */
		STOPS,
		/** Counts towards the soft limit (so many days within the window stop it). */
		COUNTS,
		/** Recorded and shown; changes nothing for the address. */
		NOTES

	}

	private final Effect effect;

	BounceReason(Effect effect) {
		this.effect = effect;
	}

	Effect effect() {
		return effect;
	}

	/** The reasons of the receiving side, about one address. */
	boolean aboutTheAddress() {
		return effect != Effect.NOTES || this == FILTERED;
	}

}
