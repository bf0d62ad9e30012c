package jp.renraku.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Shows instants and days in the city's time zone. For people ({@code format},
 * {@code day}: {@code ${@cityTime.format(t)}} on every page) in the words of their
 * language, 「12月31日（木）17時16分」 or "Thu 31 Dec 17:16", with the year only when it is not
 * this year; the patterns are the messages {@code time.*}, so each language writes its
 * own. For files and records ({@code machine}, {@code formatSeconds}: CSV, the audit
 * trail) the fixed {@code 2026-12-31 17:16}, whatever the language.
 */
@Component("cityTime")
public class CityTime {

	private final DateTimeFormatter minutes;

	private final DateTimeFormatter seconds;

	private final ZoneId zone;

	private final Clock clock;

	private final MessageSource messages;

	/** Formatters for people, by pattern message and language. */
	private final Map<String, DateTimeFormatter> readable = new ConcurrentHashMap<>();

	CityTime(RenrakuProperties properties, Clock clock, MessageSource messages) {
		this.zone = properties.timeZone();
		this.clock = clock;
		this.messages = messages;
		this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.timeZone());
		this.seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.timeZone());
	}

	public ZoneId zone() {
		return zone;
	}

	/** The instant for a person, in the language of the page being rendered. */
	public String format(@Nullable Instant instant) {
		return format(instant, LocaleContextHolder.getLocale());
	}

	/** The instant for a person reading the language. */
	public String format(@Nullable Instant instant, Locale locale) {
		if (instant == null) {
			return "";
		}
		boolean thisYear = instant.atZone(zone).getYear() == Year.now(clock.withZone(zone)).getValue();
		return readable(thisYear ? "time.minutes" : "time.minutesWithYear", locale).format(instant.atZone(zone));
	}

	/** The day for a person, in the language of the page being rendered. */
	public String day(@Nullable LocalDate day) {
		return day(day, LocaleContextHolder.getLocale());
	}

	/** The day for a person reading the language. */
	public String day(@Nullable LocalDate day, Locale locale) {
		if (day == null) {
			return "";
		}
		boolean thisYear = day.getYear() == Year.now(clock.withZone(zone)).getValue();
		return readable(thisYear ? "time.day" : "time.dayWithYear", locale).format(day);
	}

	/** {@code 2026-12-31 17:16}, for files and records in any language. */
	public String machine(@Nullable Instant instant) {
		return instant == null ? "" : minutes.format(instant);
	}

	/** {@code 2026-12-31 17:16:05}, for files and records in any language. */
	public String formatSeconds(@Nullable Instant instant) {
		return instant == null ? "" : seconds.format(instant);
	}

	private DateTimeFormatter readable(String pattern, Locale locale) {
		// the pattern of the reader's language, with its day and month names
		Locale language = Language.of(locale).locale();
		return readable.computeIfAbsent(pattern + ":" + language,
				key -> DateTimeFormatter.ofPattern(messages.getMessage(pattern, null, language), language));
	}

}
