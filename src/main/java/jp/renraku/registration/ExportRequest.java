package jp.renraku.registration;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request to take a list's registrants, or the results of a notice ({@code noticeId},
 * with its subject as it was asked), out as CSV (Art. 10-4), and its decision: how many
 * downloads, until when.
 */
public record ExportRequest(long id, long bodyId, @Nullable Long listId, long requestedBy, String requesterName,
		String purpose, String scope, State state, Instant requestedAt, @Nullable Long decidedBy,
		@Nullable String deciderName, @Nullable Instant decidedAt, @Nullable String decisionNote,
		@Nullable Integer maxDownloads, int downloads, @Nullable Instant validUntil, @Nullable Long noticeId,
		@Nullable String noticeSubject) {

	/** Message key {@code export.state.NAME}. */
	public enum State {

		PENDING, APPROVED, REJECTED

	}

	public boolean pending() {
		return state == State.PENDING;
	}

	/** Approved, not used up and not expired at the given time. */
	public boolean usable(Instant now) {
		return state == State.APPROVED && maxDownloads != null && downloads < maxDownloads && validUntil != null
				&& now.isBefore(validUntil);
	}

	public int downloadsLeft() {
		return maxDownloads == null ? 0 : Math.max(0, maxDownloads - downloads);
	}

}
