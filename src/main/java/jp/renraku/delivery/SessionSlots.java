package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;

import jp.renraku.common.NodeLeases;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The SMTP sessions a destination group may have open at once (issue 18): for the whole
 * city, each open session holds one of the group's numbered slots
 * ({@code carrier:<group>:<n>}) as a lease in the database, renewed while this node sends
 * and let go when the session closes; or, without leases (tests of one node), this node's
 * own count. A node that dies keeps its slots until their lease runs out ({@link #HOLD});
 * a session blocked in one send for longer than that may let another node open one
 * session more. The slots of one node are alike: closing lets go of any one of them.
 */
final class SessionSlots {

	private static final Logger log = LoggerFactory.getLogger(SessionSlots.class);

	/**
	 * How long a slot holds without renewal: longer than one SMTP command may take (a 30
	 * s timeout), short enough that a dead node's slots come back within a minute.
	 */
	static final Duration HOLD = Duration.ofMinutes(1);

	/** How often the open slots are renewed, at the group's next message. */
	private static final Duration RENEW_AFTER = Duration.ofSeconds(15);

	private final String prefix;

	private final int max;

	private final @Nullable NodeLeases leases;

	/** Which slots this node holds now. */
	private final boolean[] mine;

	/** Sessions this node has open, with or without a slot (one lost at a renewal). */
	private int open;

	private volatile Instant renewedAt = Instant.EPOCH;

	/**
	 * @param max sessions at once; 0 for no limit
	 * @param leases the city's leases, or null to count this node's sessions only
	 */
	SessionSlots(String group, int max, @Nullable NodeLeases leases) {
		this.prefix = "carrier:" + group + ":";
		this.max = max;
		this.leases = leases;
		this.mine = new boolean[max];
	}

	/** Takes a slot if one is free; give it back with {@link #close}. */
	synchronized boolean open() {
		if (max == 0) {
			return true;
		}
		if (open >= max) {
			return false;
		}
		if (leases != null) {
			int slot = freeSlot(leases);
			if (slot < 0) {
				return false;
			}
			mine[slot] = true;
		}
		open++;
		return true;
	}

	synchronized void close() {
		if (max == 0 || open == 0) {
			return;
		}
		open--;
		if (leases == null) {
			return;
		}
		for (int slot = 0; slot < max; slot++) {
			if (mine[slot]) {
				mine[slot] = false;
				try {
					leases.release(name(slot));
				}
				catch (DataAccessException ex) {
					// its lease runs out by itself
					log.warn("Session slot {} could not be let go: {}", name(slot), ex.toString());
				}
				return;
			}
		}
	}

	/**
	 * Renews this node's slots when the last renewal is old enough; costs a comparison
	 * otherwise.
	 */
	void keep(Instant now) {
		if (leases == null || Duration.between(renewedAt, now).compareTo(RENEW_AFTER) < 0) {
			return;
		}
		synchronized (this) {
			renewedAt = now;
			for (int slot = 0; slot < max; slot++) {
				if (mine[slot] && !hold(leases, slot)) {
					// it ran out and another node took it: this session ends with its
					// batch
					mine[slot] = false;
					log.warn("Session slot {} ran out while in use", name(slot));
				}
			}
		}
	}

	private int freeSlot(NodeLeases leases) {
		for (int slot = 0; slot < max; slot++) {
			if (!mine[slot] && hold(leases, slot)) {
				return slot;
			}
		}
		return -1;
	}

	private boolean hold(NodeLeases leases, int slot) {
		try {
			return leases.hold(name(slot), HOLD);
		}
		catch (DataAccessException ex) {
			log.warn("Session slot {} could not be taken: {}", name(slot), ex.toString());
			return false;
		}
	}

	private String name(int slot) {
		return prefix + (slot + 1);
	}

}
