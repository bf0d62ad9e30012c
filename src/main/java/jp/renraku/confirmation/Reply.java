package jp.renraku.confirmation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A reply to a notice's mail as the notice page lists it, with who wrote it as they are
 * registered now (no name or address when they stopped since).
 */
public record Reply(Instant receivedAt, @Nullable String name, String email, @Nullable String subject, String text,
		boolean stopAnswered) {
}
