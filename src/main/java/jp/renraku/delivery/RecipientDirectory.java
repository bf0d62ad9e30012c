package jp.renraku.delivery;

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

}
