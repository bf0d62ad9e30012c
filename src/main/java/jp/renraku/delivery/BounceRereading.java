package jp.renraku.delivery;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The kept bounces of a body read again by the current classifier: what would change (a
 * dry run) or what changed.
 *
 * @param examined how many kept bounces were read
 * @param changes the bounces whose reason changes
 * @param resumes the registrants whose mail was stopped by bounces that no longer stop it
 * @param wouldStop the registrants whose kept bounces would now stop them: not stopped
 * after the fact, their next bounce decides
 * @param applied whether the changes were written
 */
public record BounceRereading(int examined, List<Change> changes, List<Long> resumes, List<Long> wouldStop,
		boolean applied) {

	/** One bounce whose reason changes. */
	public record Change(long registrantId, Instant receivedAt, String before, String after, @Nullable String status,
			@Nullable String diagnostic) {
	}

}
