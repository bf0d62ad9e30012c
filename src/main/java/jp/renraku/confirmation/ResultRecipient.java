package jp.renraku.confirmation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One recipient of a notice with what they sent back. */
public record ResultRecipient(long deliveryId, @Nullable String name, String email, String listName,
		@Nullable String affiliation, @Nullable Instant confirmedAt, @Nullable Instant answeredAt,
		Map<Integer, List<String>> answers) {

	public String answer(int position) {
		return String.join("、", answers.getOrDefault(position, List.of()));
	}

}
