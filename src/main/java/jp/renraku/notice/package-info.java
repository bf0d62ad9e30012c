/**
 * Notices (Art. 5-1): drafts, templates, audience, test sending, approval, schedules,
 * release to the delivery engine, reminders, and the notice pages with their progress and
 * results. {@link jp.renraku.notice.NoticeManagement} is the module's API; a
 * {@link jp.renraku.notice.Notice} guards its own transitions.
 */
@ApplicationModule(allowedDependencies = { "account", "attachment", "audit", "common", "confirmation", "delivery",
		"organization", "registration" })
@NullMarked
package jp.renraku.notice;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
