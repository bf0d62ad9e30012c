package jp.renraku.common;

import java.util.Collection;

/**
 * Personal data other modules keep about registrants (a notice's answers and replies),
 * erased with the registrant: when they stop, are deleted or rejected, and when their
 * list's retention runs out (Art. 9). The registration module calls every implementation
 * inside the transaction that erases the registrants.
 */
public interface PersonalDataErasure {

	/** Erases what is kept about these registrants. */
	void erase(Collection<Long> registrantIds);

}
