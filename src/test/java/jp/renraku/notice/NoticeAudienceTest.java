package jp.renraku.notice;

import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.Outbox;
import jp.renraku.mail.MailCatcher;
import jp.renraku.notice.NoticeFixtures.Sending;
import jp.renraku.registration.RegistrationFixtures;
import jp.renraku.registration.RegistrationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a notice goes to: the registrants of the body's own lists, narrowed to categories
 * (no category chosen = every category; a mandatory one is everyone's), affiliations or
 * an answer to the list's own question, with the count the sender sees; what does not
 * exist narrows nothing, and another body's list is never an audience.
 */
@RenrakuIntegrationTest
class NoticeAudienceTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffFixtures staff;

	@Autowired
	RegistrationFixtures registration;

	@Autowired
	NoticeFixtures notices;

	@Autowired
	Outbox engine;

	@Autowired
	MailCatcher catcher;

	@Autowired
	JdbcClient jdbc;

	Sending sending;

	TestStaff sender;

	@BeforeEach
	void aListWithThreeRegistrants() {
		sending = notices.sending(NoticeFixtures.threeRegistrants());
		sender = sending.sender();
	}

	@Test
	void aNoticeCanBeNarrowedToAnAffiliation() {
		assertThat(mvc.get().uri("/notices/new").with(sender.signedIn()).exchange()).bodyText()
			.contains("所属で絞り込む")
			.contains("1年2組");
		long id = notices.draft(sending).subject("2組だけ").field("affiliations", "1年2組", "存在しない組").save();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText().contains("1人");
		notices.release(sender, id);
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).singleElement()
			.satisfies(mail -> assertThat(mail.to()).containsExactly(sending.addresses().get(2)));
	}

	@Test
	void aNoticeCanBeNarrowedByTheAnswerToTheListsOwnQuestion() {
		RegistrationList list = sending.list();
		long question = list.customFields().get(0).id();
		String tag = StaffFixtures.unique("ans");
		String night = tag + ".night@example.jp";
		registration.registrant(list, night, "夜の人", "1年1組", Map.of(question, "夜"));
		registration.registrant(list, tag + ".day@example.jp", "昼の人", "1年1組", Map.of(question, "昼"));
		catcher.clear();
		assertThat(mvc.get().uri("/notices/new").with(sender.signedIn()).exchange()).bodyText()
			.contains("連絡してほしい時間帯 の回答で絞り込む");
		long id = notices.draft(sending)
			.subject("夜の連絡")
			.field("answerChoices", question + ":夜", question + ":ない答え", "999999:夜", "壊れた値")
			.save();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("1人")
			.contains("<span>連絡してほしい時間帯</span>: <span>夜</span>");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_answer WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		// the edit form shows the choice again
		assertThat(mvc.get().uri("/notices/" + id + "/edit").with(sender.signedIn()).exchange()).bodyText()
			.containsPattern("value=\"" + question + ":夜\"[^>]*checked")
			.doesNotContainPattern("value=\"" + question + ":昼\"[^>]*checked");
		notices.release(sender, id);
		assertThat(engine.sendDueNow()).isEqualTo(1);
		assertThat(catcher.caught()).singleElement().satisfies(mail -> assertThat(mail.to()).containsExactly(night));
	}

	@Test
	void aResidentWhoChoseNoCategoryReceivesANoticeNarrowedByCategoryAndTheCountSaysSo() {
		RegistrationList list = sending.list();
		long weather = list.categories().get(0).id();
		long crime = list.categories().get(2).id();
		String only = StaffFixtures.unique("crime") + "@example.jp";
		registration.registrantChoosing(list, only, "防犯だけ", List.of(crime));
		catcher.clear();
		assertThat(mvc.get().uri("/notices/new").with(sender.signedIn()).exchange()).bodyText()
			.contains("分類を一つも選んでいない人（すべての分類を受け取る人）に送ります");
		long id = notices.draft(sending).subject("大雨警報").field("categoryIds", String.valueOf(weather)).save();
		// the three who chose nothing receive every category; the one who chose only 防犯
		// does not
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("<strong id=\"recipient-count\">3人</strong>");
		notices.release(sender, id);
		assertThat(engine.sendDueNow()).isEqualTo(3);
		assertThat(catcher.caught()).extracting(mail -> mail.to().get(0))
			.containsExactlyInAnyOrderElementsOf(sending.addresses());
	}

	@Test
	void aNoticeNarrowedToAMandatoryCategoryReachesEveryoneOnTheList() {
		RegistrationList list = registration.listWithMandatory(sending.manager(), "災害・緊急");
		long disaster = list.categories().get(0).id();
		String tag = StaffFixtures.unique("must");
		registration.registrantChoosing(list, tag + ".crime@example.jp", "防犯だけ",
				List.of(list.categories().get(3).id()));
		registration.registrantChoosing(list, tag + ".none@example.jp", "選ばない", List.of());
		catcher.clear();
		long id = notices.draft(sending.sender(), list)
			.subject("避難指示")
			.field("categoryIds", String.valueOf(disaster))
			.save();
		assertThat(mvc.get().uri("/notices/" + id).with(sender.signedIn()).exchange()).bodyText()
			.contains("<strong id=\"recipient-count\">2人</strong>");
		notices.release(sender, id);
		assertThat(engine.sendDueNow()).isEqualTo(2);
	}

	@Test
	void aNoticeCannotTargetAnotherBodysList() {
		TestStaff otherManager = staff.manager(staff.body());
		RegistrationList foreign = registration.list(otherManager);
		registration.registrant(foreign, StaffFixtures.unique("f") + "@example.jp", "他 機関", "1年1組");
		catcher.clear();
		long id = notices.draft(sender, foreign).subject("越境").save();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM notice_list WHERE notice_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
		notices.release(sender, id);
		assertThat(engine.sendDueNow()).isZero();
		assertThat(catcher.caught()).isEmpty();
	}

}
