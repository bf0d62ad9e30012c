package jp.renraku.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jp.renraku.delivery.NoticeId;
import org.jspecify.annotations.Nullable;

/**
 * What confirmation needs of a released notice: its subject and questions for the answer
 * page, until when it takes answers, and whether it asks for confirmation at all or only
 * tracks openings. Given by the notice module ({@link ConfirmableNotices}).
 *
 * @param deadline the notice's own deadline; none: {@code releasedAt} plus the
 * installation's default period
 */
public record ConfirmableNotice(NoticeId id, long bodyId, String subject, List<NoticeQuestion> questions,
		Instant releasedAt, @Nullable Instant deadline, boolean askConfirmation, boolean trackOpens) {

	/** Until when the notice takes confirmations and answers. */
	public Instant closesAt(Duration defaultPeriod) {
		return deadline != null ? deadline : releasedAt.plus(defaultPeriod);
	}

}
