package jp.renraku.registration;

import java.util.List;
import java.util.Map;

import jp.renraku.RenrakuIntegrationTest;
import jp.renraku.account.StaffFixtures;
import jp.renraku.account.StaffFixtures.TestStaff;
import jp.renraku.delivery.DeliveryManagement;
import jp.renraku.delivery.RecipientSelection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule of categories (issue 14), in the audience query and in the count the sender
 * sees, which is the same query: a registrant who chose no category receives every
 * category; a mandatory category is everyone's; categories narrow only their own list.
 */
@RenrakuIntegrationTest
class CategoryAudienceTest {

	@Autowired
	RegistrationManagement registration;

	@Autowired
	RegistrationFixtures fixtures;

	@Autowired
	StaffFixtures staff;

	@Autowired
	DeliveryManagement deliveries;

	@Autowired
	JdbcClient jdbc;

	TestStaff manager;

	/** 災害・緊急 (mandatory), 気象警報, 避難情報, 防犯. */
	RegistrationList school;

	/** 気象警報, 避難情報, 防犯, none mandatory. */
	RegistrationList town;

	@BeforeEach
	void twoListsOfOneBody() {
		manager = staff.manager(staff.body());
		school = fixtures.listWithMandatory(manager, "災害・緊急");
		town = fixtures.list(manager);
		String tag = StaffFixtures.unique("cat");
		fixtures.registrantChoosing(school, "none." + tag + "@example.jp", "学校 選ばない", List.of());
		fixtures.registrantChoosing(school, "weather." + tag + "@example.jp", "学校 気象",
				List.of(category(school, "気象警報")));
		fixtures.registrantChoosing(school, "crime." + tag + "@example.jp", "学校 防犯", List.of(category(school, "防犯")));
		fixtures.registrantChoosing(town, "town-none." + tag + "@example.jp", "町 選ばない", List.of());
		fixtures.registrantChoosing(town, "town-crime." + tag + "@example.jp", "町 防犯", List.of(category(town, "防犯")));
	}

	private static long category(RegistrationList list, String name) {
		return list.categories().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
	}

	/** Who the audience is, by name, and that the sender's count says as many. */
	private List<String> audience(List<RegistrationList> lists, List<Long> categories) {
		RecipientSelection selection = registration.audience(manager.staff(),
				lists.stream().map(RegistrationList::id).toList(), categories);
		List<String> names = jdbc
			.sql("SELECT r.name FROM registrant r WHERE r.id IN (SELECT s.registrant_id FROM (" + selection.sql()
					+ ") s) ORDER BY r.name")
			.params(selection.params())
			.query(String.class)
			.list();
		assertThat(deliveries.count(selection)).as("the count the sender sees").isEqualTo(names.size());
		return names;
	}

	@Test
	void aRegistrantWhoChoseNoCategoryReceivesANoticeNarrowedByCategory() {
		assertThat(audience(List.of(school), List.of(category(school, "避難情報")))).containsExactly("学校 選ばない");
		assertThat(audience(List.of(school), List.of(category(school, "気象警報")))).containsExactly("学校 気象", "学校 選ばない");
	}

	@Test
	void aMandatoryCategoryReachesEveryRegistrantOfItsList() {
		assertThat(audience(List.of(school), List.of(category(school, "災害・緊急")))).containsExactly("学校 気象", "学校 選ばない",
				"学校 防犯");
		assertThat(audience(List.of(school), List.of(category(school, "災害・緊急"), category(school, "防犯")))).hasSize(3);
	}

	@Test
	void categoriesNarrowOnlyTheListsTheyBelongTo() {
		assertThat(audience(List.of(school, town), List.of(category(school, "防犯")))).containsExactly("学校 選ばない", "学校 防犯",
				"町 選ばない", "町 防犯");
		assertThat(audience(List.of(school, town), List.of(category(town, "避難情報")))).containsExactly("学校 気象", "学校 選ばない",
				"学校 防犯", "町 選ばない");
	}

	@Test
	void noCategoryGivenIsEveryone() {
		assertThat(audience(List.of(school, town), List.of())).hasSize(5);
	}

	@Test
	void aMandatoryCategoryIsNotStoredAsAChoiceButCountsForEveryoneInTheResults() {
		long disaster = category(school, "災害・緊急");
		RegistrantForm form = RegistrantForm.read(name -> switch (name) {
			case "name" -> new String[] { "本人" };
			case "furigana" -> new String[] { "ほんにん" };
			case "affiliation" -> new String[] { "1年1組" };
			case "category" -> new String[] { String.valueOf(disaster), String.valueOf(category(school, "防犯")) };
			default -> null;
		}, school);
		assertThat(form.hasErrors()).isFalse();
		assertThat(form.toDetails(school).categoryIds()).containsExactly(category(school, "防犯"));
		List<Map<String, Object>> rows = jdbc
			.sql("SELECT category_name FROM (" + registration.registrantCategories(school.bodyId()).sql()
					+ ") g WHERE category_name = :name")
			.params(registration.registrantCategories(school.bodyId()).params())
			.param("name", school.name() + " / 災害・緊急")
			.query()
			.listOfRows();
		assertThat(rows).as("one row per registrant of the list").hasSize(3);
	}

}
