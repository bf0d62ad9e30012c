package jp.renraku.delivery;

import java.util.Optional;

/**
 * Gives the engine the content of a released notice. Implemented by the notice module.
 */
public interface NoticeContents {

	Optional<NoticeContent> content(NoticeId notice);

}
