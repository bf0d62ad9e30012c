package jp.renraku.confirmation;

import java.util.function.Function;

import jp.renraku.delivery.ReceiptTarget;
import org.jspecify.annotations.Nullable;

/**
 * The one decision of what a press of a confirmation link comes to, before anything is
 * written, made alike for the button's short path ({@link ConfirmButtonFilter}, through
 * the {@link ReceiptWriter}) and for the page ({@link ReceiptController}): no delivery or
 * notice asking for confirmation, a recipient who has stopped or was erased since,
 * closed, questions unanswered, answers wrong, or to be recorded (with the answers read
 * by {@link AnswerSheet}).
 *
 * @param notice the notice, when there is one
 * @param sheet the answers read, when the notice asks questions and answers were sent
 */
record PressDecision(PressOutcome outcome, @Nullable ReceiptTarget target, @Nullable ConfirmableNotice notice,
		@Nullable AnswerSheet sheet) {

	/**
	 * @param registered whether the recipient still exists (has not stopped or been
	 * erased)
	 * @param parameters the answer page's fields; {@code null} for the bare button (or a
	 * page that only shows the questions)
	 */
	static PressDecision of(@Nullable ReceiptTarget target, @Nullable ConfirmableNotice notice, boolean registered,
			boolean open, @Nullable Function<String, String @Nullable []> parameters) {
		if (target == null || notice == null || !notice.askConfirmation()) {
			return new PressDecision(PressOutcome.NOT_FOUND, target, null, null);
		}
		if (!registered) {
			return new PressDecision(PressOutcome.STOPPED, target, notice, null);
		}
		if (!open) {
			return new PressDecision(PressOutcome.CLOSED, target, notice, null);
		}
		if (notice.questions().isEmpty()) {
			return new PressDecision(PressOutcome.TO_RECORD, target, notice, null);
		}
		if (parameters == null) {
			return new PressDecision(PressOutcome.NEEDS_ANSWERS, target, notice, null);
		}
		AnswerSheet sheet = AnswerSheet.read(notice.questions(), parameters);
		return new PressDecision(sheet.valid() ? PressOutcome.TO_RECORD : PressOutcome.INVALID, target, notice, sheet);
	}

}
