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

	/**
	 * Who the body's mail to residents is from: its display name (its name unless it set
	 * one), its From address if it has one, and its contact; a list may override the name
	 * and the contact.
	 */
	Sender sender(long bodyId);

}
