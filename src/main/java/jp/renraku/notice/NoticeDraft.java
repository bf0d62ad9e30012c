package jp.renraku.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.renraku.confirmation.NoticeQuestion;
import org.jspecify.annotations.Nullable;

/**
 * The editable part of a notice. {@code answers}: chosen answers by choice question of
 * the lists (the audience); {@code questions}: what the notice asks its recipients;
 * {@code autoRemindMinutes} only with reminders; {@code trackOpens}: the mail carries an
 * image that records its opening (off by default).
 */
record NoticeDraft(String subject, String text, boolean emergency, List<Long> listIds, List<Long> categoryIds,
		List<String> affiliations, Map<Long, List<String>> answers, boolean askConfirmation,
		List<NoticeQuestion> questions, @Nullable Instant answerDeadline, int autoRemindTimes,
		@Nullable Integer autoRemindMinutes, boolean trackOpens) {
}
