package jp.renraku.confirmation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One recipient of a notice with what they sent back. */
public record ResultRecipient(long deliveryId, @Nullable String name, String email, String listName,
		@Nullable String affiliation, @Nullable Instant confirmedAt, @Nullable Instant answeredAt,
		Map<Integer, List<String>> answers) {

	/**
	 * The answer at the position, several choices joined as the CSV file (in Japanese)
	 * has them.
	 */
	public String answer(int position) {
		return answer(position, "、");
	}

	/**
	 * The answer at the position, several choices joined as the page's language joins
	 * lists.
	 */
	public String answer(int position, String separator) {
		return String.join(separator, answers.getOrDefault(position, List.of()));
	}

}
