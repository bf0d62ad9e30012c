package jp.renraku.notice;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.notice.NoticeFixtures.Sending;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: a released notice's page tells how long the relay took to accept its mail,
 * from the release, by destination group (the carriers configured) and in all; the figure
 * is stored once the mail is all sent and stays when the delivery rows are gone.
 */
@RenrakuIntegrationTest
class DeliveryTimeTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDeliveryTimeShowsByDestinationGroupIsKeptAndOutlivesTheDeliveries() throws Exception {
		Sending sending = notices
			.sending(NoticeFixtures.residents("a@docomo.ne.jp", "b@docomo.ne.jp", "c@ezweb.ne.jp", "d@example.jp"));
		TestStaff sender = sending.sender();
		long id = notices.draft(sending).subject("配信時間").release();
		assertThat(page(sender, id)).doesNotContain("id=\"delivery-time\"");

		assertThat(outbox.sendDueNow()).isEqualTo(4);
		// each sent row names its destination group; the address in none has none
		assertThat(jdbc.sql("SELECT route FROM delivery WHERE notice_id = :id AND status = 'SENT' ORDER BY route")
			.param("id", id)
			.query((rs, n) -> String.valueOf(rs.getString("route")))
			.list()).containsExactly("au", "docomo", "docomo", "null");

		String shown = timeTable(page(sender, id));
		assertThat(shown).contains("<caption>配信開始（")
			.contains("中央値")
			.contains("95%")
			.contains("最後の受理まで")
			.containsSubsequence("<th scope=\"row\">au</th>", "<td>1</td>", "<th scope=\"row\">docomo</th>",
					"<td>2</td>", "<th scope=\"row\">その他（グループ外）</th>", "<td>1</td>", "<th scope=\"row\">全体</th>",
					"<td>4</td>");
		assertThat(page(sender, id)).contains("配信がすべて終わった時点の値です。");

		Map<String, Object> whole = jdbc
			.sql("SELECT kept_at, messages, p50_ms, p95_ms, last_ms FROM delivery_timing WHERE notice_id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(whole.get("kept_at")).isNotNull();
		assertThat(((Number) whole.get("messages")).longValue()).isEqualTo(4);
		assertOrdered(whole);
		List<Map<String, Object>> groups = jdbc
			.sql("SELECT route, messages, p50_ms, p95_ms, last_ms FROM delivery_time WHERE notice_id = :id "
					+ "ORDER BY route")
			.param("id", id)
			.query()
			.listOfRows();
		assertThat(groups).extracting(g -> String.valueOf(g.get("route")) + "=" + g.get("messages"))
			.containsExactlyInAnyOrder("au=1", "docomo=2", "null=1");
		groups.forEach(DeliveryTimeTest::assertOrdered);

		// the deliveries are purged (and with them the only link to the registrants): the
		// figure is read from what was kept
		assertThat(jdbc.sql("DELETE FROM delivery WHERE notice_id = :id").param("id", id).update()).isEqualTo(4);
		assertThat(timeTable(page(sender, id))).isEqualTo(shown);

		TestStaff stranger = staff.sender(staff.manager(staff.body()));
		assertThat(mvc.get().uri("/notices/" + id).with(stranger.signedIn()).exchange()).hasStatus(404);
	}

	@Test
	void whileTheMailIsStillGoingTheFigureIsWorkedOutAndNotKept() throws Exception {
		Sending sending = notices.sending(NoticeFixtures.residents("a@example.jp", "b@example.jp"));
		long id = notices.draft(sending).subject("途中").release();
		jdbc.sql("UPDATE delivery SET status = 'PAUSED' WHERE notice_id = :id AND registrant_id = "
				+ "(SELECT MAX(registrant_id) FROM delivery WHERE notice_id = :id)")
			.param("id", id)
			.update();
		assertThat(outbox.sendDueNow()).isEqualTo(1);

		String page = page(sending.sender(), id);
		assertThat(timeTable(page)).contains("<th scope=\"row\">全体</th>");
		assertThat(page).contains("配信中のため、開くたびに計算し直しています。");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_timing WHERE notice_id = :id AND kept_at IS NULL")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_time WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	private String page(TestStaff who, long id) throws Exception {
		var page = mvc.get().uri("/notices/" + id).with(who.signedIn()).exchange();
		assertThat(page).hasStatusOk();
		return page.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static String timeTable(String page) {
		int start = page.indexOf("<table id=\"delivery-time\">");
		assertThat(start).as("the delivery time table").isNotNegative();
		return page.substring(start, page.indexOf("</table>", start));
	}

	private static void assertOrdered(Map<String, Object> figures) {
		long p50 = ((Number) figures.get("p50_ms")).longValue();
		long p95 = ((Number) figures.get("p95_ms")).longValue();
		long last = ((Number) figures.get("last_ms")).longValue();
		assertThat(p50).isNotNegative().isLessThanOrEqualTo(p95);
		assertThat(p95).isLessThanOrEqualTo(last);
	}

}
