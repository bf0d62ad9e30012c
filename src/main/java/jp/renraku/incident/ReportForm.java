package jp.renraku.incident;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.renraku.common.MultiLine;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** An incident report as typed (and, with a reason, an amendment). */
class ReportForm {

	@NotNull(message = "{validation.required}")
	private @Nullable IncidentKind kind;

	@NotBlank(message = "{validation.required}")
	@Size(max = 200, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String title;

	@NotBlank(message = "{validation.required}")
	@Size(max = 4000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String description;

	@NotNull(message = "{validation.required}")
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
	private @Nullable LocalDateTime discoveredAt;

	@Min(value = 0, message = "{incident.error.people}")
	@Max(value = 10_000_000, message = "{incident.error.people}")
	private @Nullable Integer affectedPeople;

	@Size(max = 4000, message = "{validation.maxLength}")
	@MultiLine
	private @Nullable String immediateMeasures;

	private List<Long> bodyIds = new ArrayList<>();

	/** Why the report is amended; required only for an amendment. */
	@Size(max = 500, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String reason;

	static ReportForm of(Incident incident, ZoneId zone) {
		ReportForm form = new ReportForm();
		form.kind = incident.kind();
		form.title = incident.title();
		form.description = incident.description();
		form.discoveredAt = LocalDateTime.ofInstant(incident.discoveredAt(), zone);
		form.affectedPeople = incident.affectedPeople();
		form.immediateMeasures = incident.immediateMeasures();
		return form;
	}

	Incidents.Report toReport(ZoneId zone) {
		String measures = immediateMeasures == null || immediateMeasures.isBlank() ? null : immediateMeasures;
		return new Incidents.Report(kind == null ? IncidentKind.OTHER : kind, title == null ? "" : title,
				description == null ? "" : description,
				discoveredAt == null ? Instant.EPOCH : discoveredAt.atZone(zone).toInstant(), affectedPeople, measures);
	}

	public @Nullable IncidentKind getKind() {
		return kind;
	}

	public void setKind(@Nullable IncidentKind kind) {
		this.kind = kind;
	}

	public @Nullable String getTitle() {
		return title;
	}

	public void setTitle(@Nullable String title) {
		this.title = title == null ? null : title.strip();
	}

	public @Nullable String getDescription() {
		return description;
	}

	public void setDescription(@Nullable String description) {
		this.description = description;
	}

	public @Nullable LocalDateTime getDiscoveredAt() {
		return discoveredAt;
	}

	public void setDiscoveredAt(@Nullable LocalDateTime discoveredAt) {
		this.discoveredAt = discoveredAt;
	}

	public @Nullable Integer getAffectedPeople() {
		return affectedPeople;
	}

	public void setAffectedPeople(@Nullable Integer affectedPeople) {
		this.affectedPeople = affectedPeople;
	}

	public @Nullable String getImmediateMeasures() {
		return immediateMeasures;
	}

	public void setImmediateMeasures(@Nullable String immediateMeasures) {
		this.immediateMeasures = immediateMeasures;
	}

	public List<Long> getBodyIds() {
		return bodyIds;
	}

	public void setBodyIds(List<Long> bodyIds) {
		this.bodyIds = bodyIds;
	}

	public @Nullable String getReason() {
		return reason;
	}

	public void setReason(@Nullable String reason) {
		this.reason = reason == null ? null : reason.strip();
	}

}
