package jp.renraku.common;

import java.util.Map;

/**
 * Names and standing of bodies by id, for modules that show a body id they recorded (the
 * audit trail) or must respect a suspension (registration pages, staff actions) but
 * cannot depend on the organization module, which depends on them.
 */
public interface BodyDirectory {

	Map<Long, String> namesById();

	/**
	 * Whether the body is suspended (Art. 6-3): it sends nothing, takes no registrations,
	 * and its staff can read but not change anything.
	 */
	boolean suspended(long bodyId);

	/**
	 * Whether the body holds a usage permit valid today (Art. 6); without one it sends
	 * nothing and takes no registrations.
	 */
	boolean permitted(long bodyId);

}
