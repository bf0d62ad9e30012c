package jp.renraku.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work that one node of the cluster does at a time, decided in the database that every
 * node shares (issue 18): a node that holds a lease renews it each time it does the work;
 * another node gets it only once it has run out, so a node that stops or dies is replaced
 * after at most one lease. A node lets its leases go when it shuts down, so that a
 * restart hands the work over at once.
 */
@Component
public class NodeLeases {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String node;

	@Autowired
	NodeLeases(JdbcClient jdbc, Clock clock) {
		this(jdbc, clock, "node-" + UUID.randomUUID().toString().substring(0, 8));
	}

	/** A node of the given name: for tests that play two nodes in one process. */
	public NodeLeases(JdbcClient jdbc, Clock clock, String node) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.node = node;
	}

	/**
	 * Takes or renews the lease for this node, for {@code length} from now; false while
	 * another node holds it.
	 */
	public boolean hold(String name, Duration length) {
		Instant now = clock.instant();
		int renewed = jdbc.sql("""
				UPDATE node_lease SET holder = :node, held_until = :until
				WHERE name = :name AND (holder = :node OR held_until < :now)
				""")
			.param("node", node)
			.param("until", Sql.utc(now.plus(length)))
			.param("name", name)
			.param("now", Sql.utc(now))
			.update();
		if (renewed == 1) {
			return true;
		}
		try {
			return jdbc
				.sql("INSERT INTO node_lease (name, holder, held_until) SELECT :name, :node, :until"
						+ " WHERE NOT EXISTS (SELECT 1 FROM node_lease WHERE name = :name)")
				.param("name", name)
				.param("node", node)
				.param("until", Sql.utc(now.plus(length)))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			// another node took it first
			return false;
		}
	}

	/**
	 * Lets this node's lease of the name go, so that another node may take it at once.
	 */
	public void release(String name) {
		jdbc.sql("UPDATE node_lease SET held_until = :now WHERE name = :name AND holder = :node")
			.param("now", Sql.utc(clock.instant().minusMillis(1)))
			.param("name", name)
			.param("node", node)
			.update();
	}

	/** Lets this node's leases go, so that another node takes the work over at once. */
	@PreDestroy
	public void releaseAll() {
		jdbc.sql("UPDATE node_lease SET held_until = :now WHERE holder = :node")
			.param("now", Sql.utc(clock.instant().minusMillis(1)))
			.param("node", node)
			.update();
	}

}
