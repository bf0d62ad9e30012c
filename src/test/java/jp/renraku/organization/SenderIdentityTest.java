package jp.renraku.organization;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.StaffRequests;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.common.BodyDirectory;
import jp.renraku.common.Sender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body names itself to its residents (issue 14): the sender name and the contact its
 * mail carries, set by its operations manager or the system administrator, never by
 * another body's staff; its own From address only of a domain the operator allows.
 */
@RenrakuIntegrationTest
class SenderIdentityTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	BodyDirectory bodies;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOperationsManagerNamesTheBodyAndItsContactForResidents() {
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		assertThat(bodies.sender(body).displayName()).as("the body's name until it sets one")
			.isEqualTo(jdbc.sql("SELECT name FROM body WHERE id = :id").param("id", body).query(String.class).single());
		assertThat(mvc.get().uri("/sender").with(manager.signedIn()).exchange()).hasStatusOk()
			.bodyText()
			.contains("差出人と問い合わせ先");
		assertThat(StaffRequests.post(mvc, manager, "/sender", "displayName", "養父市教育委員会", "section", "学校教育課", "phone",
				"０７９－６６２－７６０１", "hours", "平日 8時30分〜17時15分", "email", "kyoiku@city.example.jp", "url",
				"https://city.example.jp/form"))
			.hasRedirectedUrl("/sender");
		Sender sender = bodies.sender(body);
		assertThat(sender.displayName()).isEqualTo("養父市教育委員会");
		assertThat(sender.contact().phone()).as("full-width digits typed on a phone").isEqualTo("079-662-7601");
		assertThat(sender.contact().section()).isEqualTo("学校教育課");
		assertThat(sender.fromAddress()).as("no sender domains are allowed by default").isNull();
	}

	@Test
	void badInputIsRefusedOnItsFieldAndNothingIsSaved() {
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		var refused = StaffRequests.post(mvc, manager, "/sender", "displayName", "x".repeat(101), "phone", "電話してね",
				"url", "javascript:alert(1)", "email", "not-an-address", "fromAddress", "kyoiku@example.org");
		assertThat(refused).hasStatusOk()
			.bodyText()
			.contains("電話番号は数字とハイフンで入力してください")
			.contains("https:// または http:// で始まるアドレスを入力してください")
			.contains("メールアドレスの形式が正しくありません");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM body_sender WHERE body_id = :id")
			.param("id", body)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherBodysStaffNeitherSeeNorChangeIt() {
		long body = staff.body();
		TestStaff manager = staff.manager(body);
		TestStaff sender = staff.sender(manager);
		TestStaff other = staff.manager(staff.body());
		StaffRequests.post(mvc, manager, "/sender", "displayName", "自分の名前");
		// the page acts on the signed-in manager's own body only; a sender may not use it
		assertThat(mvc.get().uri("/sender").with(sender.signedIn()).exchange()).hasStatus(403);
		assertThat(mvc.get().uri("/admin/bodies/" + body + "/sender").with(other.signedIn()).exchange()).hasStatus(403);
		assertThat(StaffRequests.post(mvc, other, "/admin/bodies/" + body + "/sender", "displayName", "乗っ取り"))
			.hasStatus(403);
		StaffRequests.post(mvc, other, "/sender", "displayName", "別の機関");
		assertThat(bodies.sender(body).displayName()).isEqualTo("自分の名前");
	}

	@Test
	void theSystemAdministratorSetsItForAnyBody() {
		long body = staff.body();
		TestStaff admin = staff.systemAdmin();
		assertThat(StaffRequests.post(mvc, admin, "/admin/bodies/" + body + "/sender", "displayName", "市長部局 防災課"))
			.hasRedirectedUrl("/admin/bodies/" + body);
		assertThat(bodies.sender(body).displayName()).isEqualTo("市長部局 防災課");
		assertThat(mvc.get().uri("/admin/bodies/999999/sender").with(admin.signedIn()).exchange()).hasStatus(404);
	}

}
