package jp.renraku.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Matching addresses to carrier groups, and each group's session count and pace. */
class DestinationsTest {

	private static DeliverySettings.Destination destination(int connections, int perMinute, String... domains) {
		return new DeliverySettings.Destination(List.of(domains), connections, perMinute, 0,
				DeliverySettings.MailCharset.UTF_8);
	}

	@Test
	void anAddressBelongsToTheGroupOfItsDomainOrAParentDomain() {
		Destinations destinations = new Destinations(
				Map.of("docomo", destination(0, 0, "docomo.ne.jp"), "au", destination(0, 0, "ezweb.ne.jp", "au.com")));
		assertThat(destinations.of("a..b.@docomo.ne.jp").name).isEqualTo("docomo");
		assertThat(destinations.of("x@EZweb.ne.jp").name).isEqualTo("au");
		assertThat(destinations.of("x@abc.ezweb.ne.jp").name).isEqualTo("au");
		assertThat(destinations.of("x@au.com").name).isEqualTo("au");
		assertThat(destinations.of("x@notdocomo.ne.jp")).isNull();
		assertThat(destinations.of("x@example.jp")).isNull();
	}

	@Test
	void aDomainCannotBeInTwoGroups() {
		assertThatIllegalStateException().isThrownBy(() -> new Destinations(
				Map.of("a", destination(0, 0, "docomo.ne.jp"), "b", destination(0, 0, "DOCOMO.ne.jp"))));
	}

	@Test
	void sessionsAreCountedUpToTheLimit() {
		Destinations.Group group = new Destinations(Map.of("docomo", destination(2, 0, "docomo.ne.jp")))
			.of("x@docomo.ne.jp");
		assertThat(group.openSession()).isTrue();
		assertThat(group.openSession()).isTrue();
		assertThat(group.openSession()).isFalse();
		group.closeSession();
		assertThat(group.openSession()).isTrue();
	}

	@Test
	void thePaceAllowsASecondsWorthAtOnceThenOnePerInterval() {
		// 600 a minute: one every 100 ms, ten at once
		Destinations.Group group = new Destinations(Map.of("docomo", destination(0, 600, "docomo.ne.jp")))
			.of("x@docomo.ne.jp");
		Instant now = Instant.parse("2026-11-26T00:00:00Z");
		int allowed = 0;
		for (int i = 0; i < 20; i++) {
			if (group.pace(now).isZero()) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(10);
		assertThat(group.pace(now)).isEqualTo(Duration.ofMillis(100));
		assertThat(group.pace(now.plusMillis(100))).isZero();
		assertThat(group.pace(now.plusMillis(100))).isPositive();
		assertThat(group.interval()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void noLimitsMeansNoWaiting() {
		Destinations.Group group = new Destinations(Map.of("docomo", destination(0, 0, "docomo.ne.jp")))
			.of("x@docomo.ne.jp");
		for (int i = 0; i < 1000; i++) {
			assertThat(group.openSession()).isTrue();
			assertThat(group.pace(Instant.EPOCH)).isZero();
		}
	}

}
