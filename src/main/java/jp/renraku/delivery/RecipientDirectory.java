package jp.renraku.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Looks recipients up by registrant id for the engine. Implemented by the registration
 * module, which owns the personal information; delivery keeps none of it.
 */
public interface RecipientDirectory {

	/**
	 * The recipients that still exist and still receive mail; stopped or deleted ones are
	 * absent.
	 */
	Map<Long, Recipient> find(Collection<Long> registrantIds);

	/**
	 * Stops mail to the registrant's address (on every list of its body) because it
	 * bounces; the reason is shown to the body's operations managers. False if it was
	 * stopped already or is gone.
	 */
	boolean disableBouncing(long registrantId, String reason, Instant at);

	/**
	 * Notes that the resident's own filter refused mail to the registrant's address (on
	 * every list of its body): it stays active, and its operations managers see that it
	 * needs the allow-list guidance.
	 */
	void markFiltered(long registrantId, Instant at);

	/**
	 * The body's registrations whose mail is stopped because it bounced, by registrant
	 * id, with when they were stopped.
	 */
	Map<Long, Instant> stoppedForBouncing(long bodyId);

	/**
	 * Resumes mail to the registrant's address (on every list of its body) stopped by a
	 * bounce that is no longer read as one that stops it. False if it was not stopped.
	 */
	boolean resumeReclassified(long registrantId, String why);

}
