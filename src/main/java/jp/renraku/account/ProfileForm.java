package jp.renraku.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * Name and e-mail address of a staff account.
 */
class ProfileForm {

	@NotBlank(message = "{validation.required}")
	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String displayName;

	@Email(message = "{validation.email}")
	@Size(max = 254, message = "{validation.maxLength}")
	private @Nullable String email;

	static ProfileForm of(StaffAccount account) {
		ProfileForm form = new ProfileForm();
		form.displayName = account.displayName();
		form.email = account.email();
		return form;
	}

	@Nullable String emailOrNull() {
		return email == null || email.isBlank() ? null : email;
	}

	public @Nullable String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(@Nullable String displayName) {
		this.displayName = displayName == null ? null : displayName.strip();
	}

	public @Nullable String getEmail() {
		return email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email == null ? null : email.strip();
	}

}
