package jp.renraku.confirmation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a notice's recipients sent back: the figures, the breakdowns by list, category and
 * affiliation, and each question's tally.
 *
 * @param opened how many opened the mail as far as anyone can tell; {@code null} when the
 * notice does not track openings
 */
public record Results(long sent, long confirmed, long answered, @Nullable Long opened, List<ResultGroup> byList,
		List<ResultGroup> byCategory, List<ResultGroup> byAffiliation, Map<Integer, Map<String, Long>> tallies,
		Instant closesAt) {

	public long pending() {
		return Math.max(0, sent - confirmed);
	}

	public long percent(long part) {
		return sent == 0 ? 0 : part * 100 / sent;
	}

}
