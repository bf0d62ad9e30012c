package jp.renraku.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The reason the system administrator gives for suspending or reactivating a body.
 */
class ReasonForm {

	@NotBlank(message = "{validation.required}")
	@Size(max = 1000, message = "{validation.maxLength}")
	private @Nullable String reason;

	public @Nullable String getReason() {
		return reason;
	}

	public void setReason(@Nullable String reason) {
		this.reason = reason == null ? null : reason.strip();
	}

}
