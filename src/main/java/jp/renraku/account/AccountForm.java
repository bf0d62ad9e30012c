package jp.renraku.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.renraku.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * A new staff account as typed by an administrator.
 */
class AccountForm {

	@NotBlank(message = "{validation.required}")
	@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "{account.loginId.pattern}")
	private @Nullable String loginId;

	@NotBlank(message = "{validation.required}")
	@Size(max = 100, message = "{validation.maxLength}")
	@SingleLine
	private @Nullable String displayName;

	@Email(message = "{validation.email}")
	@Size(max = 254, message = "{validation.maxLength}")
	private @Nullable String email;

	NewAccount toNewAccount() {
		return new NewAccount(loginId == null ? "" : loginId, displayName == null ? "" : displayName,
				email == null || email.isBlank() ? null : email);
	}

	public @Nullable String getLoginId() {
		return loginId;
	}

	public void setLoginId(@Nullable String loginId) {
		this.loginId = loginId == null ? null : AccountManagement.normalizeLoginId(loginId);
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
