package jp.renraku.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
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
		Instant releasedAt, @Nullable Instant deadline, boolean askConfirmation, boolean trackOpens,
		Map<Language, Wording> versions) {

	/**
	 * The notice's subject and questions in a further language; {@code questions} are the
	 * label, then the choices in the Japanese order, by position.
	 */
	public record Wording(String subject, Map<Integer, List<String>> questions) {
	}

	public ConfirmableNotice {
		versions = Map.copyOf(versions);
	}

	public ConfirmableNotice(NoticeId id, long bodyId, String subject, List<NoticeQuestion> questions,
			Instant releasedAt, @Nullable Instant deadline, boolean askConfirmation, boolean trackOpens) {
		this(id, bodyId, subject, questions, releasedAt, deadline, askConfirmation, trackOpens, Map.of());
	}

	/**
	 * The notice as a reader of that language sees it on the answer page: the version in
	 * it, else (for a reader who does not read Japanese) the easy Japanese one, else the
	 * Japanese — the same choice as the release made for their mail.
	 */
	public ConfirmableNotice in(Language reader) {
		Wording wording = versions.get(reader);
		if (wording == null && reader != Language.JA) {
			wording = versions.get(Language.EASY_JA);
		}
		if (wording == null) {
			return this;
		}
		List<NoticeQuestion> shown = new ArrayList<>();
		for (NoticeQuestion question : questions) {
			List<String> lines = wording.questions().get(question.position());
			shown.add(lines == null || lines.isEmpty() ? question
					: question.worded(lines.get(0), lines.subList(1, lines.size())));
		}
		return new ConfirmableNotice(id, bodyId, wording.subject(), shown, releasedAt, deadline, askConfirmation,
				trackOpens, versions);
	}

	/** Until when the notice takes confirmations and answers. */
	public Instant closesAt(Duration defaultPeriod) {
		return deadline != null ? deadline : releasedAt.plus(defaultPeriod);
	}

}
