package jp.renraku.notice;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases scheduled notices and sends automatic reminders when their time comes. Runs on
 * every node; the release itself lets only one node win, so nobody receives a notice
 * twice. Survives restarts: the schedule is in the database.
 */
@Component
class ScheduledReleases {

	private final NoticeReleases releases;

	private final NoticeReminders reminders;

	ScheduledReleases(NoticeReleases releases, NoticeReminders reminders) {
		this.releases = releases;
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "${renraku.notice.schedule-check:15s}")
	void releaseDue() {
		releases.releaseDue();
	}

	/** Automatic reminders (Art. 5-2), on the same beat. */
	@Scheduled(fixedDelayString = "${renraku.notice.schedule-check:15s}", initialDelayString = "5s")
	void remindDue() {
		reminders.remindDue();
	}

}
