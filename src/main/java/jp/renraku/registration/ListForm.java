package jp.renraku.registration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A list and its usage rules as the operations manager types them.
 */
public class ListForm {

	static final int CUSTOM_FIELDS = 3;

	@NotBlank(message = "{validation.required}")
	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String name;

	@NotBlank(message = "{validation.required}")
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String purpose;

	@NotNull(message = "{validation.required}")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate periodStart;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate periodEnd;

	@NotBlank(message = "{validation.required}")
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String urlManagement;

	@NotBlank(message = "{validation.required}")
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String eligibility;

	@NotNull(message = "{validation.required}")
	private @Nullable Verification verification = Verification.NONE;

	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String verificationNote;

	@NotBlank(message = "{validation.required}")
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String deletionCriteria;

	@NotBlank(message = "{validation.required}")
	@Size(max = 4000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String disclaimer;

	private boolean collectName = true;

	private boolean collectFurigana;

	private boolean collectAddress;

	private boolean collectAffiliation;

	private boolean collectPhone;

	@Size(max = 50, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String affiliationLabel;

	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String affiliationOptions;

	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String categories;

	/** Categories every registrant receives (災害・緊急), one per line. */
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String mandatoryCategories;

	@NotNull(message = "{validation.required}")
	@Range(min = 0, max = 3650, message = "{validation.range}")
	private @Nullable Integer retentionDays = 30;

	@Valid
	private List<CustomFieldForm> customFields = new ArrayList<>();

	public ListForm() {
		while (customFields.size() < CUSTOM_FIELDS) {
			customFields.add(new CustomFieldForm());
		}
	}

	static ListForm of(RegistrationList list) {
		ListForm form = new ListForm();
		form.name = list.name();
		form.purpose = list.purpose();
		form.periodStart = list.periodStart();
		form.periodEnd = list.periodEnd();
		form.urlManagement = list.urlManagement();
		form.eligibility = list.eligibility();
		form.verification = list.verification();
		form.verificationNote = list.verificationNote();
		form.deletionCriteria = list.deletionCriteria();
		form.disclaimer = list.disclaimer();
		form.collectName = list.collectName();
		form.collectFurigana = list.collectFurigana();
		form.collectAddress = list.collectAddress();
		form.collectAffiliation = list.collectAffiliation();
		form.collectPhone = list.collectPhone();
		form.affiliationLabel = list.affiliationLabel();
		form.affiliationOptions = Lines.join(list.affiliationOptions());
		form.categories = Lines
			.join(list.categories().stream().filter(c -> !c.mandatory()).map(ListCategory::name).toList());
		form.mandatoryCategories = Lines
			.join(list.categories().stream().filter(ListCategory::mandatory).map(ListCategory::name).toList());
		form.retentionDays = list.retentionDays();
		for (int i = 0; i < list.customFields().size() && i < CUSTOM_FIELDS; i++) {
			form.customFields.set(i, CustomFieldForm.of(list.customFields().get(i)));
		}
		return form;
	}

	ListRules toRules() {
		List<ListRules.FieldRule> fields = customFields.stream()
			.filter(CustomFieldForm::used)
			.map(CustomFieldForm::toRule)
			.toList();
		// mandatory categories first; a name in both boxes is mandatory
		List<String> mandatory = Lines.of(mandatoryCategories);
		List<String> all = new ArrayList<>(mandatory);
		Lines.of(categories).stream().filter(name -> !mandatory.contains(name)).forEach(all::add);
		return new ListRules(name, purpose, periodStart, periodEnd, urlManagement, eligibility, verification,
				verificationNote, deletionCriteria, disclaimer, collectName, collectFurigana, collectAddress,
				collectAffiliation, collectPhone, affiliationLabel, Lines.of(affiliationOptions), all, mandatory,
				retentionDays, fields);
	}

	// accessors for binding

	public @Nullable String getName() {
		return name;
	}

	public void setName(@Nullable String name) {
		this.name = name == null ? null : name.strip();
	}

	public @Nullable String getPurpose() {
		return purpose;
	}

	public void setPurpose(@Nullable String purpose) {
		this.purpose = purpose == null ? null : purpose.strip();
	}

	public @Nullable LocalDate getPeriodStart() {
		return periodStart;
	}

	public void setPeriodStart(@Nullable LocalDate periodStart) {
		this.periodStart = periodStart;
	}

	public @Nullable LocalDate getPeriodEnd() {
		return periodEnd;
	}

	public void setPeriodEnd(@Nullable LocalDate periodEnd) {
		this.periodEnd = periodEnd;
	}

	public @Nullable String getUrlManagement() {
		return urlManagement;
	}

	public void setUrlManagement(@Nullable String urlManagement) {
		this.urlManagement = urlManagement == null ? null : urlManagement.strip();
	}

	public @Nullable String getEligibility() {
		return eligibility;
	}

	public void setEligibility(@Nullable String eligibility) {
		this.eligibility = eligibility == null ? null : eligibility.strip();
	}

	public @Nullable Verification getVerification() {
		return verification;
	}

	public void setVerification(@Nullable Verification verification) {
		this.verification = verification;
	}

	public @Nullable String getVerificationNote() {
		return verificationNote;
	}

	public void setVerificationNote(@Nullable String verificationNote) {
		this.verificationNote = verificationNote == null || verificationNote.isBlank() ? null
				: verificationNote.strip();
	}

	public @Nullable String getDeletionCriteria() {
		return deletionCriteria;
	}

	public void setDeletionCriteria(@Nullable String deletionCriteria) {
		this.deletionCriteria = deletionCriteria == null ? null : deletionCriteria.strip();
	}

	public @Nullable String getDisclaimer() {
		return disclaimer;
	}

	public void setDisclaimer(@Nullable String disclaimer) {
		this.disclaimer = disclaimer == null ? null : disclaimer.strip();
	}

	public boolean isCollectName() {
		return collectName;
	}

	public void setCollectName(boolean collectName) {
		this.collectName = collectName;
	}

	public boolean isCollectFurigana() {
		return collectFurigana;
	}

	public void setCollectFurigana(boolean collectFurigana) {
		this.collectFurigana = collectFurigana;
	}

	public boolean isCollectAddress() {
		return collectAddress;
	}

	public void setCollectAddress(boolean collectAddress) {
		this.collectAddress = collectAddress;
	}

	public boolean isCollectAffiliation() {
		return collectAffiliation;
	}

	public void setCollectAffiliation(boolean collectAffiliation) {
		this.collectAffiliation = collectAffiliation;
	}

	public boolean isCollectPhone() {
		return collectPhone;
	}

	public void setCollectPhone(boolean collectPhone) {
		this.collectPhone = collectPhone;
	}

	public @Nullable String getAffiliationLabel() {
		return affiliationLabel;
	}

	public void setAffiliationLabel(@Nullable String affiliationLabel) {
		this.affiliationLabel = affiliationLabel == null || affiliationLabel.isBlank() ? null
				: affiliationLabel.strip();
	}

	public @Nullable String getAffiliationOptions() {
		return affiliationOptions;
	}

	public void setAffiliationOptions(@Nullable String affiliationOptions) {
		this.affiliationOptions = affiliationOptions;
	}

	public @Nullable String getCategories() {
		return categories;
	}

	public void setCategories(@Nullable String categories) {
		this.categories = categories;
	}

	public @Nullable String getMandatoryCategories() {
		return mandatoryCategories;
	}

	public void setMandatoryCategories(@Nullable String mandatoryCategories) {
		this.mandatoryCategories = mandatoryCategories;
	}

	public @Nullable Integer getRetentionDays() {
		return retentionDays;
	}

	public void setRetentionDays(@Nullable Integer retentionDays) {
		this.retentionDays = retentionDays;
	}

	public List<CustomFieldForm> getCustomFields() {
		return customFields;
	}

	public void setCustomFields(List<CustomFieldForm> customFields) {
		this.customFields = customFields;
	}

}
