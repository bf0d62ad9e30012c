package jp.renraku.delivery;

/**
 * Passes one pipelined session's outcomes on at their place in the whole list of
 * messages, but for the first one's when a kept-open connection turned out closed: that
 * message goes again on a fresh connection. Notes whether the last outcome was no answer
 * at all, after which the rest of the list waits.
 */
final class SessionOutcomes implements PipelinedSmtp.Outcomes {

	private final int offset;

	private final boolean mayBeStale;

	private final PipelinedSmtp.Outcomes outcomes;

	private boolean lostAtOnce;

	private boolean unanswered;

	/**
	 * @param offset where the session's first message is in the whole list
	 * @param mayBeStale whether the session is a kept-open connection not yet replaced
	 */
	SessionOutcomes(int offset, boolean mayBeStale, PipelinedSmtp.Outcomes outcomes) {
		this.offset = offset;
		this.mayBeStale = mayBeStale;
		this.outcomes = outcomes;
	}

	@Override
	public void heard(int index, SmtpConnection.Result result) {
		boolean noAnswer = !result.accepted() && result.code() == 0;
		if (index == 0 && mayBeStale && noAnswer) {
			lostAtOnce = true;
			return;
		}
		unanswered = noAnswer;
		outcomes.heard(offset + index, result);
	}

	/** The first message met a closed connection and was not told: send it again. */
	boolean lostAtOnce() {
		return lostAtOnce;
	}

	/** The last outcome told was no answer from the relay. */
	boolean unanswered() {
		return unanswered;
	}

}
