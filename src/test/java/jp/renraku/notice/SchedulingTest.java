package jp.renraku.notice;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static jp.renraku.StaffRequests.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice scheduled for a time of the city's clock goes out when the time comes, once;
 * until then its writer's body may withdraw it, and no other body may touch it.
 */
@RenrakuIntegrationTest
class SchedulingTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	NoticeReleases releases;

	@Autowired
	Outbox engine;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		sender = sending.sender();
	}

	/** The city's time from now, to the minute, as the schedule field takes it. */
	private static String cityTime(Duration fromNow) {
		return LocalDateTime.now(ZoneId.of("Asia/Tokyo")).plus(fromNow).truncatedTo(ChronoUnit.MINUTES).toString();
	}

	@Test
	void aScheduledNoticeGoesOutWhenItsTimeComesAndCanBeWithdrawnBefore() {
		long id = notices.draft(sending).subject("予約").save();
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", cityTime(Duration.ofMinutes(-5)))).flash()
			.containsEntry("flashError", "notice.error.scheduleInPast");
		String future = cityTime(Duration.ofHours(1));
		assertThat(post(mvc, sender, "/notices/" + id + "/schedule", "at", future)).flash()
			.containsEntry("flashMessage", "notice.scheduled");
		assertThat(releases.releaseDue()).isZero();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("予約を取り消す");

		// withdrawn, it is a draft again and nothing goes out
		post(mvc, sender, "/notices/" + id + "/unschedule");
		assertThat(notices.state(id)).isEqualTo("DRAFT");

		post(mvc, sender, "/notices/" + id + "/schedule", "at", future);
		jdbc.sql("UPDATE notice SET scheduled_at = :past WHERE id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
			.param("id", id)
			.update();
		assertThat(releases.releaseDue()).isEqualTo(1);
		assertThat(releases.releaseDue()).as("released once").isZero();
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(notices.state(id)).isEqualTo("RELEASED");
	}

	@Test
	void anotherBodysStaffCannotScheduleWithdrawOrReturnANotice() {
		long id = notices.draft(sending).subject("他機関予約").save();
		TestStaff stranger = staff.manager(staff.body());
		String future = cityTime(Duration.ofHours(1));
		assertThat(post(mvc, stranger, "/notices/" + id + "/schedule", "at", future)).hasStatus(404);
		post(mvc, sender, "/notices/" + id + "/schedule", "at", future);
		for (String action : List.of("unschedule", "return")) {
			assertThat(post(mvc, stranger, "/notices/" + id + "/" + action)).as(action).hasStatus(404);
		}
		assertThat(notices.state(id)).isEqualTo("SCHEDULED");
		assertThat(post(mvc, sender, "/notices/approval-setting", "required", "true")).hasStatus(403);
	}

}
