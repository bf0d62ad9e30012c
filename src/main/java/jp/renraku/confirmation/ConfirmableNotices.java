package jp.renraku.confirmation;

import java.util.Optional;

import jp.renraku.delivery.NoticeId;

/**
 * The released notices, as confirmation needs them; implemented by the notice module,
 * which owns them (confirmation sits below notice and cannot ask it otherwise).
 */
public interface ConfirmableNotices {

	/**
	 * The notice, if it is released; absent for a draft, a withdrawn or an unknown one.
	 */
	Optional<ConfirmableNotice> released(NoticeId notice);

}
