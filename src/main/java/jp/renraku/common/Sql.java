package jp.renraku.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Small helpers every repository needs, the same on H2 and PostgreSQL.
 */
public final class Sql {

	private Sql() {
	}

	/** Instants are stored as TIMESTAMP WITH TIME ZONE in UTC. */
	public static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** As {@link #utc(Instant)}, for a time that may be missing. */
	public static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
		return instant == null ? null : utc(instant);
	}

	public static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	/**
	 * A LIKE pattern that finds the typed text anywhere, case-insensitively, with % and _
	 * taken literally. Use with {@code LOWER(column) LIKE ? ESCAPE '!'}.
	 */
	public static String containsPattern(String typed) {
		String lower = typed.strip().toLowerCase(Locale.ROOT);
		return "%" + lower.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

}
