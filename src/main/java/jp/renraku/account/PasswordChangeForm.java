package jp.renraku.account;

import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

/**
 * The holder's own password change. Passwords are never stripped or truncated.
 */
class PasswordChangeForm {

	@NotEmpty(message = "{validation.required}")
	private @Nullable String currentPassword;

	@NotEmpty(message = "{validation.required}")
	private @Nullable String newPassword;

	@NotEmpty(message = "{validation.required}")
	private @Nullable String confirmPassword;

	public @Nullable String getCurrentPassword() {
		return currentPassword;
	}

	public void setCurrentPassword(@Nullable String currentPassword) {
		this.currentPassword = currentPassword;
	}

	public @Nullable String getNewPassword() {
		return newPassword;
	}

	public void setNewPassword(@Nullable String newPassword) {
		this.newPassword = newPassword;
	}

	public @Nullable String getConfirmPassword() {
		return confirmPassword;
	}

	public void setConfirmPassword(@Nullable String confirmPassword) {
		this.confirmPassword = confirmPassword;
	}

}
