package jp.renraku.registration;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationListTest {

	@Test
	void registrationPasswordIgnoresCaseSpacesHyphensAndFullWidth() {
		String canonical = RegistrationList.canonicalPassword("K7PM-Q3RX");
		assertThat(RegistrationList.canonicalPassword("k7pm q3rx")).isEqualTo(canonical);
		assertThat(RegistrationList.canonicalPassword("ｋ７ｐｍ－ｑ３ｒｘ")).isEqualTo(canonical);
		assertThat(RegistrationList.canonicalPassword("K7PMQ3RY")).isNotEqualTo(canonical);
	}

	@Test
	void acceptsOnlyWithinTheOperatingPeriodWhileOpen() {
		LocalDate start = LocalDate.of(2026, 4, 1);
		LocalDate end = LocalDate.of(2027, 3, 31);
		RegistrationList list = new RegistrationList(1, 1, "n", "t", "P", java.time.Instant.EPOCH, true, "p", start,
				end, "u", "e", Verification.NONE, null, "d", "x", true, false, false, false, false, null,
				java.util.List.of(), 30, null, java.util.List.of(), java.util.List.of());
		assertThat(list.acceptsOn(start.minusDays(1))).isFalse();
		assertThat(list.acceptsOn(start)).isTrue();
		assertThat(list.acceptsOn(end)).isTrue();
		assertThat(list.acceptsOn(end.plusDays(1))).isFalse();
		assertThat(list.notStartedOn(start.minusDays(1))).isTrue();
		assertThat(list.endedOn(end.plusDays(1))).isTrue();
	}

}
