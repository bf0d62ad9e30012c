package jp.renraku.notice;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.attachment.Attachment;
import jp.renraku.attachment.NoticeAttachments;
import jp.renraku.common.Language;
import jp.renraku.confirmation.ConfirmableNotice;
import jp.renraku.confirmation.ConfirmableNotices;
import jp.renraku.delivery.NoticeContent;
import jp.renraku.delivery.NoticeContents;
import jp.renraku.delivery.NoticeId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the modules below notice need of released notices, which they cannot ask for
 * otherwise: the engine its content and files ({@link NoticeContents}), the confirmation
 * links their subject, questions and deadline ({@link ConfirmableNotices}) — each with
 * the notice's versions in further languages.
 */
@Component
class NoticePorts implements NoticeContents, ConfirmableNotices {

	private final Notices notices;

	private final NoticeVersions versions;

	private final NoticeAttachments attachments;

	NoticePorts(Notices notices, NoticeVersions versions, NoticeAttachments attachments) {
		this.notices = notices;
		this.versions = versions;
		this.attachments = attachments;
	}

	/**
	 * The notice's files as its mail names them, with their bytes when the body chose to
	 * attach them to the mail too; a reminder carries the files of the notice it reminds
	 * of, whose links its recipients' tokens open.
	 */
	List<NoticeContent.File> files(long noticeId) {
		if (attachments.mailed(noticeId)) {
			return attachments.files(noticeId).stream().map(f -> file(f.attachment(), f.bytes())).toList();
		}
		return attachments.of(noticeId).stream().map(a -> file(a, null)).toList();
	}

	private static NoticeContent.File file(Attachment a, byte @Nullable [] mailed) {
		return new NoticeContent.File(a.id(), a.fileName(), a.type().label(), a.shownSize(), a.type().mediaType(),
				mailed);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoticeContent> content(NoticeId id) {
		return notices.findReleased(id.value()).map(n -> {
			Map<Language, NoticeContent.Version> texts = new EnumMap<>(Language.class);
			versions.of(n.id())
				.forEach((language, v) -> texts.put(language, new NoticeContent.Version(v.subject(), v.text())));
			Long origin = n.remindOf();
			return new NoticeContent(n.subject(), n.text(), n.emergency(), n.askConfirmation(), n.trackOpens(),
					Language.JA, texts, files(origin != null ? origin : n.id()));
		});
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ConfirmableNotice> released(NoticeId id) {
		return notices.confirmable(id.value()).map(n -> {
			Map<Language, ConfirmableNotice.Wording> wordings = new EnumMap<>(Language.class);
			versions.of(id.value()).forEach((language, v) -> {
				Map<Integer, List<String>> questions = new HashMap<>();
				v.questions().forEach((position, q) -> {
					List<String> lines = new ArrayList<>();
					lines.add(q.label());
					lines.addAll(q.options());
					questions.put(position, lines);
				});
				wordings.put(language, new ConfirmableNotice.Wording(v.subject(), questions));
			});
			return new ConfirmableNotice(n.id(), n.bodyId(), n.subject(), n.questions(), n.releasedAt(), n.deadline(),
					n.askConfirmation(), n.trackOpens(), wordings);
		});
	}

}
