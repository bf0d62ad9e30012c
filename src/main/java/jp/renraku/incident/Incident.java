package jp.renraku.incident;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One incident as reported, with the bodies involved. */
public record Incident(long id, IncidentKind kind, IncidentState state, String title, String description,
		Instant discoveredAt, @Nullable Integer affectedPeople, @Nullable String immediateMeasures, long reportedBy,
		Instant reportedAt, @Nullable Instant escalatedAt, List<Long> bodyIds) {

	public boolean open() {
		return state.open();
	}

	public boolean escalated() {
		return escalatedAt != null;
	}

}
