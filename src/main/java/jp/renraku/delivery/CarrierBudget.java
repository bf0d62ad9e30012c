package jp.renraku.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jp.renraku.common.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The destination groups' pace for the whole city (issue 18), kept in the database every
 * node shares: one row per group holds the current slice of time and how many messages
 * the nodes together have taken from it. A node takes a few at a time ({@link #take}) and
 * spends them itself, so a message costs no round trip. Every statement is one
 * conditional write that cannot take more than the slice holds, whichever node comes
 * first; no lock is held between two statements.
 */
@Component
class CarrierBudget {

	private static final Logger log = LoggerFactory.getLogger(CarrierBudget.class);

	/** Tries before a node gives up on a slice other nodes are busy taking from. */
	private static final int TRIES = 3;

	private record Slice(Instant start, int taken) {
	}

	private final JdbcClient jdbc;

	CarrierBudget(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes up to {@code want} messages from the group's slice that starts at
	 * {@code start} and holds {@code capacity} in all; returns how many it got, 0 when
	 * the slice is spent (or already over: this node's clock is behind) or the database
	 * did not answer (the mail waits, it is not sent over the pace).
	 */
	int take(String group, Instant start, int want, int capacity) {
		try {
			for (int i = 0; i < TRIES; i++) {
				if (takeFromSlice(group, start, want, capacity)) {
					return want;
				}
				Optional<Slice> slice = slice(group);
				if (slice.isEmpty()) {
					if (first(group, start, want)) {
						return want;
					}
				}
				else if (slice.get().start().isBefore(start)) {
					if (moveOn(group, start, want)) {
						return want;
					}
				}
				else if (slice.get().start().equals(start)) {
					int rest = Math.min(want, capacity - slice.get().taken());
					if (rest <= 0) {
						return 0;
					}
					if (takeFromSlice(group, start, rest, capacity)) {
						return rest;
					}
				}
				else {
					return 0;
				}
			}
			return 0;
		}
		catch (DataAccessException ex) {
			log.warn("The pace of destination group {} could not be read; its mail waits: {}", group, ex.toString());
			return 0;
		}
	}

	/** take-from-slice: n more from the current slice, if it still holds them. */
	private boolean takeFromSlice(String group, Instant start, int n, int capacity) {
		return jdbc.sql("""
				UPDATE carrier_pace SET taken = taken + :n
				WHERE group_name = :group AND slice_start = :start AND taken + :n <= :capacity
				""")
			.param("n", n)
			.param("group", group)
			.param("start", Sql.utc(start))
			.param("capacity", capacity)
			.update() == 1;
	}

	/** slice: the group's current slice and what was taken from it. */
	private Optional<Slice> slice(String group) {
		return jdbc.sql("SELECT slice_start, taken FROM carrier_pace WHERE group_name = :group")
			.param("group", group)
			.query((rs, n) -> new Slice(rs.getObject("slice_start", OffsetDateTime.class).toInstant(),
					rs.getInt("taken")))
			.optional();
	}

	/**
	 * move-on: the first node in a new slice starts it with what it takes; another node
	 * that came first makes this take nothing.
	 */
	private boolean moveOn(String group, Instant start, int n) {
		return jdbc.sql("""
				UPDATE carrier_pace SET slice_start = :start, taken = :n
				WHERE group_name = :group AND slice_start < :start
				""").param("start", Sql.utc(start)).param("n", n).param("group", group).update() == 1;
	}

	/** first: the group's row, made by the first node that ever sends to it. */
	private boolean first(String group, Instant start, int n) {
		try {
			return jdbc.sql("""
					INSERT INTO carrier_pace (group_name, slice_start, taken) SELECT :group, :start, :n
					WHERE NOT EXISTS (SELECT 1 FROM carrier_pace WHERE group_name = :group)
					""").param("group", group).param("start", Sql.utc(start)).param("n", n).update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// another node made it first: take from it on the next try
			return false;
		}
	}

}
