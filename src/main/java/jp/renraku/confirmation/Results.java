package jp.renraku.confirmation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a notice's recipients sent back: the figures, the breakdowns by list, category and
 * affiliation, and each question's tally.
 * <p>
 * Every figure counts one population: the notice's sent deliveries whose registrant still
 * exists, and the confirmations, answers and openings of those same deliveries. Someone
 * who stopped or was erased leaves both the number sent and the number confirmed, so no
 * rate passes 100 % (issue 16); their receipts stay in the table, uncounted.
 *
 * @param sent the sent deliveries whose registrant still exists
 * @param opened how many opened the mail as far as anyone can tell; {@code null} when the
 * notice does not track openings
 */
public record Results(long sent, long confirmed, long answered, @Nullable Long opened, List<ResultGroup> byList,
		List<ResultGroup> byCategory, List<ResultGroup> byAffiliation, Map<Integer, Map<String, Long>> tallies,
		Instant closesAt) {

	public long pending() {
		return Math.max(0, sent - confirmed);
	}

	/** A figure as a share of those sent. */
	public long percent(long part) {
		return Shares.percent(part, sent);
	}

	/** A question's count as a share of those who answered. */
	public long percentOfAnswered(long part) {
		return Shares.percent(part, answered);
	}

}
