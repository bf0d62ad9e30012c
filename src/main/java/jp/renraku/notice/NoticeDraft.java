package jp.renraku.notice;

import java.util.List;
import java.util.Map;

/**
 * The editable part of a notice. {@code answers}: chosen answers by choice question of
 * the lists.
 */
record NoticeDraft(String subject, String text, boolean emergency, List<Long> listIds, List<Long> categoryIds,
		List<String> affiliations, Map<Long, List<String>> answers, boolean askConfirmation) {
}
