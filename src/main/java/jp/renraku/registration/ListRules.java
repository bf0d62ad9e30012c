package jp.renraku.registration;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The editable part of a list: its usage rules, collected items, categories and
 * questions.
 *
 * @param categories every category's name, in order
 * @param mandatoryCategories those of them every registrant receives
 */
record ListRules(String name, String purpose, LocalDate periodStart, @Nullable LocalDate periodEnd,
		String urlManagement, String eligibility, Verification verification, @Nullable String verificationNote,
		String deletionCriteria, String disclaimer, boolean collectName, boolean collectFurigana,
		boolean collectAddress, boolean collectAffiliation, boolean collectPhone, @Nullable String affiliationLabel,
		List<String> affiliationOptions, List<String> categories, List<String> mandatoryCategories, int retentionDays,
		List<FieldRule> customFields) {

	/** Rules whose categories are all optional. */
	ListRules(String name, String purpose, LocalDate periodStart, @Nullable LocalDate periodEnd, String urlManagement,
			String eligibility, Verification verification, @Nullable String verificationNote, String deletionCriteria,
			String disclaimer, boolean collectName, boolean collectFurigana, boolean collectAddress,
			boolean collectAffiliation, boolean collectPhone, @Nullable String affiliationLabel,
			List<String> affiliationOptions, List<String> categories, int retentionDays, List<FieldRule> customFields) {
		this(name, purpose, periodStart, periodEnd, urlManagement, eligibility, verification, verificationNote,
				deletionCriteria, disclaimer, collectName, collectFurigana, collectAddress, collectAffiliation,
				collectPhone, affiliationLabel, affiliationOptions, categories, List.of(), retentionDays, customFields);
	}

	record FieldRule(@Nullable Long id, String label, FieldKind kind, List<String> options, boolean required) {
	}

}
