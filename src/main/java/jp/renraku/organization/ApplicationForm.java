package jp.renraku.organization;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The usage application (様式第1号) as typed. */
class ApplicationForm {

	private @Nullable Long bodyId;

	@NotBlank(message = "{validation.required}")
	@Size(max = 2000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String purpose;

	@NotBlank(message = "{validation.required}")
	@Size(max = 8000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String plannedLists;

	@NotNull(message = "{validation.required}")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate periodStart;

	@NotNull(message = "{validation.required}")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate periodEnd;

	@NotNull(message = "{validation.required}")
	@Min(value = 1, message = "{application.error.expected}")
	@Max(value = 10_000_000, message = "{application.error.expected}")
	private @Nullable Integer expectedRegistrants;

	@NotBlank(message = "{validation.required}")
	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String managerName;

	@NotBlank(message = "{validation.required}")
	@Size(max = 200, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String managerContact;

	@Size(max = 8000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String handlingRules;

	static ApplicationForm of(UsageApplication application) {
		ApplicationForm form = new ApplicationForm();
		form.bodyId = application.bodyId();
		form.purpose = application.purpose();
		form.plannedLists = application.plannedLists();
		form.periodStart = application.periodStart();
		form.periodEnd = application.periodEnd();
		form.expectedRegistrants = application.expectedRegistrants();
		form.managerName = application.managerName();
		form.managerContact = application.managerContact();
		form.handlingRules = application.handlingRules();
		return form;
	}

	UsageApplication.Content toContent(byte @Nullable [] pdf, @Nullable String pdfName) {
		String rules = handlingRules == null || handlingRules.isBlank() ? null : handlingRules;
		return new UsageApplication.Content(purpose == null ? "" : purpose, plannedLists == null ? "" : plannedLists,
				periodStart == null ? LocalDate.EPOCH : periodStart, periodEnd == null ? LocalDate.EPOCH : periodEnd,
				expectedRegistrants == null ? 0 : expectedRegistrants, managerName == null ? "" : managerName,
				managerContact == null ? "" : managerContact, rules, pdf, pdfName);
	}

	public @Nullable Long getBodyId() {
		return bodyId;
	}

	public void setBodyId(@Nullable Long bodyId) {
		this.bodyId = bodyId;
	}

	public @Nullable String getPurpose() {
		return purpose;
	}

	public void setPurpose(@Nullable String purpose) {
		this.purpose = purpose;
	}

	public @Nullable String getPlannedLists() {
		return plannedLists;
	}

	public void setPlannedLists(@Nullable String plannedLists) {
		this.plannedLists = plannedLists;
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

	public @Nullable Integer getExpectedRegistrants() {
		return expectedRegistrants;
	}

	public void setExpectedRegistrants(@Nullable Integer expectedRegistrants) {
		this.expectedRegistrants = expectedRegistrants;
	}

	public @Nullable String getManagerName() {
		return managerName;
	}

	public void setManagerName(@Nullable String managerName) {
		this.managerName = managerName == null ? null : managerName.strip();
	}

	public @Nullable String getManagerContact() {
		return managerContact;
	}

	public void setManagerContact(@Nullable String managerContact) {
		this.managerContact = managerContact == null ? null : managerContact.strip();
	}

	public @Nullable String getHandlingRules() {
		return handlingRules;
	}

	public void setHandlingRules(@Nullable String handlingRules) {
		this.handlingRules = handlingRules;
	}

}
