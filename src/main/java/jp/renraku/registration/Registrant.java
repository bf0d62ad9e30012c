package jp.renraku.registration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.renraku.common.Language;
import org.jspecify.annotations.Nullable;

/**
 * A person on a list, as the operations manager and the person themselves see them;
 * {@code language} is the one they read Renraku's mails and pages in.
 */
public record Registrant(long id, long listId, long bodyId, RegistrantState state, String email, @Nullable String name,
		@Nullable String furigana, @Nullable String postalCode, @Nullable String address, @Nullable String affiliation,
		@Nullable String phone, List<Long> categoryIds, Map<Long, String> answers, Instant createdAt, Instant updatedAt,
		@Nullable Instant bounceStoppedAt, Language language) {

	/** Mail to the address is stopped because it bounced. */
	public boolean bounceStopped() {
		return bounceStoppedAt != null;
	}

	public boolean pending() {
		return state == RegistrantState.PENDING;
	}

	/** An answer to a multiple-choice question is stored one choice per line. */
	public List<String> answerLines(long fieldId) {
		return Lines.of(answers.get(fieldId));
	}

}
