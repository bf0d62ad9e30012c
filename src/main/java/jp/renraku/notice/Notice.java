package jp.renraku.notice;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A notice of a body and its audience.
 */
public record Notice(long id, long bodyId, long authorId, String subject, String text, boolean emergency,
		NoticeState state, @Nullable Integer recipients, @Nullable Instant releasedAt, @Nullable Instant scheduledAt,
		Instant createdAt, List<Long> listIds, List<Long> categoryIds) {

	public boolean draft() {
		return state == NoticeState.DRAFT;
	}

	public boolean scheduled() {
		return state == NoticeState.SCHEDULED;
	}

}
