/**
 * Notices: composing, audience, test sending and release to the delivery engine (Art.
 * 5-1). {@link jp.renraku.notice.NoticeManagement} is the module's API.
 */
@NullMarked
package jp.renraku.notice;

import org.jspecify.annotations.NullMarked;
