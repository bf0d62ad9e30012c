package jp.renraku.common;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates as people read them, in the city's time zone and their language, with the year
 * only when it is not this year; and the fixed form files and records keep.
 */
class CityTimeTest {

	/** 2026-12-01 09:00 in Tokyo. */
	private final CityTime time = new CityTime(
			new RenrakuProperties(URI.create("http://localhost"), ZoneId.of("Asia/Tokyo")),
			Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
			new WebConfiguration().messageSource(""));

	@Test
	void japaneseReadsMonthDayWeekdayHourAndMinute() {
		assertThat(time.format(Instant.parse("2026-12-31T08:16:00Z"), Locale.JAPANESE)).isEqualTo("12月31日（木）17時16分");
		assertThat(time.format(Instant.parse("2026-04-01T00:05:00Z"), Locale.JAPANESE)).isEqualTo("4月1日（水）9時05分");
	}

	@Test
	void englishReadsInEnglish() {
		assertThat(time.format(Instant.parse("2026-12-31T08:16:00Z"), Locale.ENGLISH)).isEqualTo("Thu 31 Dec 17:16");
	}

	@Test
	void theYearIsShownWhenItIsNotThisYearInTheCity() {
		assertThat(time.format(Instant.parse("2025-12-31T08:16:00Z"), Locale.JAPANESE))
			.isEqualTo("2025年12月31日（水）17時16分");
		assertThat(time.format(Instant.parse("2025-12-31T08:16:00Z"), Locale.ENGLISH))
			.isEqualTo("Wed 31 Dec 2025 17:16");
		// already 2027 in Tokyo, still 2026 in UTC
		assertThat(time.format(Instant.parse("2026-12-31T15:30:00Z"), Locale.JAPANESE)).isEqualTo("2027年1月1日（金）0時30分");
	}

	@Test
	void daysReadTheSameWay() {
		assertThat(time.day(LocalDate.of(2026, 4, 1), Locale.JAPANESE)).isEqualTo("4月1日（水）");
		assertThat(time.day(LocalDate.of(2027, 3, 31), Locale.JAPANESE)).isEqualTo("2027年3月31日（水）");
		assertThat(time.day(LocalDate.of(2026, 4, 1), Locale.ENGLISH)).isEqualTo("Wed 1 Apr");
		assertThat(time.day(null, Locale.JAPANESE)).isEmpty();
	}

	@Test
	void filesAndRecordsKeepTheirFixedForm() {
		assertThat(time.machine(Instant.parse("2026-12-31T08:16:00Z"))).isEqualTo("2026-12-31 17:16");
		assertThat(time.formatSeconds(Instant.parse("2026-12-31T08:16:05Z"))).isEqualTo("2026-12-31 17:16:05");
		assertThat(time.format(null, Locale.JAPANESE)).isEmpty();
	}

}
