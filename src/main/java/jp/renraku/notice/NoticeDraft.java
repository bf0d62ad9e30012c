package jp.renraku.notice;

import java.util.List;

/**
 * The editable part of a notice.
 */
record NoticeDraft(String subject, String text, boolean emergency, List<Long> listIds, List<Long> categoryIds,
		List<String> affiliations) {
}
