package jp.renraku.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Shows instants in the city's time zone, for pages ({@code ${@cityTime.format(t)}}) and
 * mails.
 */
@Component("cityTime")
public class CityTime {

	private final DateTimeFormatter minutes;

	private final DateTimeFormatter seconds;

	private final ZoneId zone;

	CityTime(RenrakuProperties properties) {
		this.zone = properties.timeZone();
		this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.timeZone());
		this.seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(properties.timeZone());
	}

	public ZoneId zone() {
		return zone;
	}

	public String format(@Nullable Instant instant) {
		return instant == null ? "" : minutes.format(instant);
	}

	public String formatSeconds(@Nullable Instant instant) {
		return instant == null ? "" : seconds.format(instant);
	}

}
