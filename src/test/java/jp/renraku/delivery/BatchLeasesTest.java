package jp.renraku.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a held batch's leases are renewed: every third of the lease, one statement for the
 * batch, until it is closed; rows another worker took over are skipped from then on; a
 * batch held for more than ten leases, or by an engine that stops, is given up.
 */
class BatchLeasesTest {

	/** Rows of a table as the renewal sees them: the ids still the worker's. */
	static final class Rows implements BatchLeases.Rows {

		final Set<Long> ours = ConcurrentHashMap.newKeySet();

		/** The ids of each renewal. */
		final List<List<Long>> renewals = new CopyOnWriteArrayList<>();

		Rows(Long... ours) {
			this.ours.addAll(List.of(ours));
		}

		@Override
		public int renew(List<Long> ids, String worker, Instant until) {
			renewals.add(ids);
			return (int) ids.stream().filter(ours::contains).count();
		}

		@Override
		public Set<Long> ours(List<Long> ids, String worker) {
			return ids.stream().filter(ours::contains).collect(Collectors.toSet());
		}

	}

	private static BatchLeases leases(long leaseMillis) {
		return new BatchLeases(Duration.ofMillis(leaseMillis), Clock.systemUTC());
	}

	@Test
	void aHeldBatchIsRenewedEveryThirdOfTheLeaseUntilItIsClosed() throws Exception {
		BatchLeases leases = leases(300);
		Rows rows = new Rows(1L, 2L, 3L);
		BatchLeases.Held held = leases.hold(rows, "delivery", "w", List.of(1L, 2L, 3L));
		Thread.sleep(560);
		held.close();
		int renewed = rows.renewals.size();
		assertThat(renewed).isBetween(3, 6);
		assertThat(rows.renewals).allSatisfy(ids -> assertThat(ids).containsExactly(1L, 2L, 3L));
		Thread.sleep(300);
		assertThat(rows.renewals.size()).as("none after closing, but the one under way")
			.isLessThanOrEqualTo(renewed + 1);
		assertThat(held.anyLost()).isFalse();
	}

	@Test
	void rowsAnotherWorkerTookOverAreSkippedAndNoLongerRenewed() {
		BatchLeases leases = leases(150);
		Rows rows = new Rows(1L, 3L);
		try (BatchLeases.Held held = leases.hold(rows, "delivery", "w", List.of(1L, 2L, 3L))) {
			waitFor(held::anyLost);
			assertThat(held.ours(2)).isFalse();
			assertThat(held.ours(1)).isTrue();
			assertThat(held.ours(3)).isTrue();
			int seen = rows.renewals.size();
			waitFor(() -> rows.renewals.size() > seen);
			assertThat(rows.renewals.get(rows.renewals.size() - 1)).containsExactly(1L, 3L);
		}
	}

	@Test
	void rowsWhoseOutcomeTheWorkerWroteAreNeitherRenewedNorLost() {
		BatchLeases leases = leases(150);
		// the single mail 2 was sent and its row deleted
		Rows rows = new Rows(1L);
		try (BatchLeases.Held held = leases.hold(rows, "resident_mail", "w", List.of(1L, 2L))) {
			held.done(2);
			waitFor(() -> rows.renewals.size() >= 2);
			assertThat(held.anyLost()).isFalse();
			assertThat(rows.renewals).allSatisfy(ids -> assertThat(ids).containsExactly(1L));
		}
	}

	@Test
	void aBatchHeldForMoreThanTenLeasesIsGivenUp() throws Exception {
		BatchLeases leases = leases(60);
		Rows rows = new Rows(1L);
		BatchLeases.Held held = leases.hold(rows, "delivery", "w", List.of(1L));
		waitFor(() -> !held.ours(1));
		assertThat(held.anyLost()).isTrue();
		int renewed = rows.renewals.size();
		assertThat(renewed).as("about ten leases, three renewals each").isBetween(5, 31);
		Thread.sleep(200);
		assertThat(rows.renewals).hasSize(renewed);
	}

	@Test
	void anEngineThatStopsGivesUpItsBatches() throws Exception {
		BatchLeases leases = leases(150);
		Rows rows = new Rows(1L);
		BatchLeases.Held held = leases.hold(rows, "delivery", "w", List.of(1L));
		leases.stop();
		assertThat(held.ours(1)).isFalse();
		int renewed = rows.renewals.size();
		Thread.sleep(200);
		assertThat(rows.renewals).hasSize(renewed);
		// a later batch (a caller's sendDueNow) is renewed again
		try (BatchLeases.Held later = leases.hold(rows, "delivery", "w", List.of(1L))) {
			waitFor(() -> rows.renewals.size() > renewed);
			assertThat(later.ours(1)).isTrue();
		}
	}

	private static void waitFor(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
