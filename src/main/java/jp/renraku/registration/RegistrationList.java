package jp.renraku.registration;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A list of a body and its usage rules: the seven items of Art. 7, which items are
 * collected, its categories and questions, and how people reach its registration form.
 */
public record RegistrationList(long id, long bodyId, String name, String publicToken, String registrationPassword,
		Instant passwordChangedAt, boolean registrationOpen, String purpose, LocalDate periodStart,
		@Nullable LocalDate periodEnd, String urlManagement, String eligibility, Verification verification,
		@Nullable String verificationNote, String deletionCriteria, String disclaimer, boolean collectName,
		boolean collectFurigana, boolean collectAddress, boolean collectAffiliation, boolean collectPhone,
		@Nullable String affiliationLabel, List<String> affiliationOptions, int retentionDays,
		@Nullable Instant erasedAt, List<ListCategory> categories, List<CustomField> customFields) {

	/**
	 * Whether people can register on this day: open, within the operating period, not
	 * erased.
	 */
	public boolean acceptsOn(LocalDate day) {
		return registrationOpen && erasedAt == null && !day.isBefore(periodStart)
				&& (periodEnd == null || !day.isAfter(periodEnd));
	}

	public boolean notStartedOn(LocalDate day) {
		return day.isBefore(periodStart);
	}

	public boolean endedOn(LocalDate day) {
		return periodEnd != null && day.isAfter(periodEnd);
	}

	/** The names of the given categories of the list, in the list's order. */
	public List<String> categoryNames(Collection<Long> ids) {
		return categories.stream().filter(c -> ids.contains(c.id())).map(ListCategory::name).toList();
	}

	public List<String> deletionReasons() {
		return Lines.of(deletionCriteria);
	}

	public boolean needsApproval() {
		return verification == Verification.APPROVAL;
	}

	/**
	 * Registration passwords are compared without case, spaces or hyphens, and full-width
	 * characters typed with a Japanese input method count as their half-width forms:
	 * people type them from paper on phones.
	 */
	static String canonicalPassword(String typed) {
		return Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("[\\s\\-ー－‐]", "").toUpperCase(Locale.ROOT);
	}

}
