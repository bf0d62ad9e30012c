package jp.renraku.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A staff member reported that their password may have leaked (Art. 11-2-6). The account
 * is already locked when this is published.
 */
public record PasswordLeakReported(long accountId, String loginId, String displayName, @Nullable Long bodyId,
		@Nullable String note, Instant reportedAt) {
}
