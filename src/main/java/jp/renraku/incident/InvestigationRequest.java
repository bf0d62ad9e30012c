package jp.renraku.incident;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Art. 12-2: the system administrator's request for an investigation report from a body.
 */
public record InvestigationRequest(long id, long incidentId, long bodyId, String question, @Nullable LocalDate dueOn,
		long requestedBy, Instant requestedAt, @Nullable String answer, @Nullable Long answeredBy,
		@Nullable Instant answeredAt) {

	public boolean answered() {
		return answeredAt != null;
	}

}
