package jp.renraku.common;

import java.util.List;

/**
 * The steps between a new installation and a first notice (issue 16), shown as a
 * checklist on the home page of the system administrator and of each operations manager
 * and sender, each ticked from the real state. Every module that owns a step adds it.
 */
public interface FirstSteps {

	/**
	 * One step.
	 *
	 * @param order where it stands in the path (10, 20, …)
	 * @param messageKey what to do; {@code <key>.hint} says how, for the step not done
	 * @param href the page where it is done
	 * @param done whether the installation has done it
	 */
	record Step(int order, String messageKey, String href, boolean done) {
	}

	List<Step> stepsFor(Staff staff);

}
