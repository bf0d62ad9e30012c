package jp.renraku.delivery;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

	private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

	@Test
	void rateAndEstimatedFinishFollowTheLastMinute() {
		var progress = new DeliveryProgress(
				Map.of(DeliveryStatus.SENT, 600L, DeliveryStatus.QUEUED, 90L, DeliveryStatus.SENDING, 10L), 600, NOW,
				0);
		assertThat(progress.rate()).isEqualTo(10);
		assertThat(progress.remaining()).isEqualTo(100);
		assertThat(progress.estimatedFinish()).isEqualTo(NOW.plusSeconds(10));
	}

	@Test
	void noEstimateWhileNothingMovesOrWhenDone() {
		assertThat(new DeliveryProgress(Map.of(DeliveryStatus.QUEUED, 5L), 0, NOW, 0).estimatedFinish()).isNull();
		assertThat(new DeliveryProgress(Map.of(DeliveryStatus.SENT, 5L), 5, NOW, 0).estimatedFinish()).isNull();
	}

}
