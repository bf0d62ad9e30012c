package jp.renraku.delivery;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the system administrator decided about each body's sending (Art. 3-2-3).
 * Implemented by the organization module, which owns the bodies.
 */
public interface SendingRules {

	/**
	 * A body's rule: may it send at all now, and how many messages per hour (null: no
	 * limit).
	 */
	record Rule(boolean maySend, @Nullable Integer hourlyLimit) {
	}

	/**
	 * The rule of every body that has one; a body not in the map may send without limit.
	 */
	Map<Long, Rule> rules();

}
