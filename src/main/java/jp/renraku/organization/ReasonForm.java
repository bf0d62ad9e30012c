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

	/**
	 * On reinstatement: "send" the mail held during the suspension, or "discard" it. No
	 * default: the system administrator must choose.
	 */
	private @Nullable String heldMail;

	public @Nullable String getHeldMail() {
		return heldMail;
	}

	public void setHeldMail(@Nullable String heldMail) {
		this.heldMail = heldMail;
	}

	public @Nullable String getReason() {
		return reason;
	}

	public void setReason(@Nullable String reason) {
		this.reason = reason == null ? null : reason.strip();
	}

}
