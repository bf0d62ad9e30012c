package jp.renraku.notice;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renraku.common.Language;
import jp.renraku.confirmation.ConfirmableNotice;
import jp.renraku.confirmation.ConfirmableNotices;
import jp.renraku.delivery.NoticeContent;
import jp.renraku.delivery.NoticeContents;
import jp.renraku.delivery.NoticeId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the modules below notice need of released notices, which they cannot ask for
 * otherwise: the engine its content ({@link NoticeContents}), the confirmation links
 * their subject, questions and deadline ({@link ConfirmableNotices}) — each with the
 * notice's versions in further languages.
 */
@Component
class NoticePorts implements NoticeContents, ConfirmableNotices {

	private final Notices notices;

	private final NoticeVersions versions;

	NoticePorts(Notices notices, NoticeVersions versions) {
		this.notices = notices;
		this.versions = versions;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoticeContent> content(NoticeId id) {
		return notices.findReleased(id.value()).map(n -> {
			Map<Language, NoticeContent.Version> texts = new EnumMap<>(Language.class);
			versions.of(n.id())
				.forEach((language, v) -> texts.put(language, new NoticeContent.Version(v.subject(), v.text())));
			return new NoticeContent(n.subject(), n.text(), n.emergency(), n.askConfirmation(), n.trackOpens(),
					Language.JA, texts);
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
