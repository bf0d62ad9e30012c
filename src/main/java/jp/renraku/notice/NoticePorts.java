package jp.renraku.notice;

import java.util.Optional;

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
 * their subject, questions and deadline ({@link ConfirmableNotices}).
 */
@Component
class NoticePorts implements NoticeContents, ConfirmableNotices {

	private final Notices notices;

	NoticePorts(Notices notices) {
		this.notices = notices;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoticeContent> content(NoticeId id) {
		return notices.findReleased(id.value())
			.map(n -> new NoticeContent(n.subject(), n.text(), n.emergency(), n.askConfirmation(), n.trackOpens()));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ConfirmableNotice> released(NoticeId id) {
		return notices.confirmable(id.value());
	}

}
