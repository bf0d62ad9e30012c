package jp.renraku.registration;

import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.RecipientSelection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Narrowing an audience by the answers to a list's own questions, on the stored answers
 * (a multiple-choice answer is one line per choice).
 */
@RenrakuIntegrationTest
class AudienceTest {

	@Autowired
	RegistrationManagement registration;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	StaffFixtures staff;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	RegistrationList list;

	long time;

	long topics;

	@BeforeEach
	void aListWithTwoQuestions() {
		manager = staff.manager(staff.body());
		ListRules rules = RegistrationFixtures.rules(StaffFixtures.unique("質問"), Verification.NONE);
		long id = registration.createList(manager.staff(),
				new ListRules(rules.name(), rules.purpose(), rules.periodStart(), rules.periodEnd(),
						rules.urlManagement(), rules.eligibility(), rules.verification(), rules.verificationNote(),
						rules.deletionCriteria(), rules.disclaimer(), true, false, false, true, false,
						rules.affiliationLabel(), rules.affiliationOptions(), rules.categories(), 30,
						List.of(new ListRules.FieldRule(null, "時間帯", FieldKind.SINGLE_CHOICE, List.of("昼", "夜"), false),
								new ListRules.FieldRule(null, "関心", FieldKind.MULTIPLE_CHOICE,
										List.of("防災", "防犯", "50%_割引", "防災訓練"), false))));
		list = registration.list(manager.staff(), id);
		time = list.customFields().get(0).id();
		topics = list.customFields().get(1).id();
		String tag = StaffFixtures.unique("q");
		fixtures.registrant(list, "day." + tag + "@example.jp", "昼 防災", "1年1組", Map.of(time, "昼", topics, "防災"));
		fixtures.registrant(list, "night." + tag + "@example.jp", "夜 防犯と割引", "1年1組",
				Map.of(time, "夜", topics, "防犯\n50%_割引"));
		fixtures.registrant(list, "drill." + tag + "@example.jp", "夜 訓練だけ", "1年1組", Map.of(time, "夜", topics, "防災訓練"));
		fixtures.registrant(list, "none." + tag + "@example.jp", "答えなし", "1年1組");
	}

	private List<String> names(Map<Long, List<String>> answers) {
		RecipientSelection selection = registration.audience(manager.staff(), List.of(list.id()), List.of(), List.of(),
				answers);
		return jdbc
			.sql("SELECT r.name FROM registrant r WHERE r.id IN (SELECT s.registrant_id FROM (" + selection.sql()
					+ ") s) ORDER BY r.name")
			.params(selection.params())
			.query(String.class)
			.list();
	}

	@Test
	void noAnswersChosenMeansEveryone() {
		assertThat(names(Map.of())).hasSize(4);
	}

	@Test
	void aSingleChoiceMatchesItsAnswer() {
		assertThat(names(Map.of(time, List.of("夜")))).containsExactly("夜 訓練だけ", "夜 防犯と割引");
	}

	@Test
	void aMultipleChoiceMatchesAnyOfItsLinesExactly() {
		// 「防災」 is not 「防災訓練」; the last and first lines both count
		assertThat(names(Map.of(topics, List.of("防災")))).containsExactly("昼 防災");
		assertThat(names(Map.of(topics, List.of("50%_割引")))).containsExactly("夜 防犯と割引");
		assertThat(names(Map.of(topics, List.of("防犯")))).containsExactly("夜 防犯と割引");
		// % and _ in an answer are not wildcards
		assertThat(names(Map.of(topics, List.of("%")))).isEmpty();
		assertThat(names(Map.of(topics, List.of("防災", "防災訓練")))).containsExactly("夜 訓練だけ", "昼 防災");
	}

	@Test
	void questionsCombineWithAnd() {
		assertThat(names(Map.of(time, List.of("夜"), topics, List.of("防災訓練")))).containsExactly("夜 訓練だけ");
		assertThat(names(Map.of(time, List.of("昼"), topics, List.of("防犯")))).isEmpty();
	}

}
