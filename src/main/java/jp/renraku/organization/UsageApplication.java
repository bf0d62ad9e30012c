package jp.renraku.organization;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A body's usage application (様式第1号, Art. 6-1) and where its review stands. */
public record UsageApplication(long id, long bodyId, State state, String purpose, String plannedLists,
		LocalDate periodStart, LocalDate periodEnd, int expectedRegistrants, String managerName, String managerContact,
		@Nullable String handlingRules, @Nullable String handlingRulesName, Instant createdAt,
		@Nullable Instant submittedAt, @Nullable Long reviewedBy, @Nullable Instant reviewedAt,
		@Nullable String reviewComment) {

	/** Message key {@code application.state.NAME}. */
	public enum State {

		DRAFT, SUBMITTED, RETURNED, APPROVED, REJECTED

	}

	/** Still in the applicant's hands: a draft, or returned for correction. */
	public boolean editable() {
		return state == State.DRAFT || state == State.RETURNED;
	}

	public boolean submitted() {
		return state == State.SUBMITTED;
	}

	public boolean hasPdf() {
		return handlingRulesName != null;
	}

	/** What the applicant writes. */
	public record Content(String purpose, String plannedLists, LocalDate periodStart, LocalDate periodEnd,
			int expectedRegistrants, String managerName, String managerContact, @Nullable String handlingRules,
			byte @Nullable [] pdf, @Nullable String pdfName) {
	}

}
