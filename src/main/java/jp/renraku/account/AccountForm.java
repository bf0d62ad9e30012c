package jp.renraku.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A new staff account as typed by an administrator.
 */
class AccountForm extends ProfileForm {

	@NotBlank(message = "{validation.required}")
	@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "{account.loginId.pattern}")
	private @Nullable String loginId;

	NewAccount toNewAccount() {
		String name = getDisplayName();
		return new NewAccount(loginId == null ? "" : loginId, name == null ? "" : name, emailOrNull());
	}

	public @Nullable String getLoginId() {
		return loginId;
	}

	public void setLoginId(@Nullable String loginId) {
		this.loginId = loginId == null ? null : AccountManagement.normalizeLoginId(loginId);
	}

}
