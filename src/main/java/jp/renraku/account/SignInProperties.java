package jp.renraku.account;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in rules. The defaults are the city's rules (Art. 11-2-3, 11-2-4); each can be
 * changed to follow OWASP ASVS 5.0 / NIST SP 800-63B instead (see docs/configuration.md).
 *
 * @param password the password policy
 * @param lockout how many wrong attempts lock an account, and for how long
 * @param temporaryPasswordValidity how long an initial or reset password can be used once
 * @param totpIssuer the name authenticator apps show next to the code
 */
@Validated
@ConfigurationProperties("renraku.sign-in")
record SignInProperties(@DefaultValue PasswordRules password, @DefaultValue Lockout lockout,
		@DefaultValue("72h") Duration temporaryPasswordValidity, @DefaultValue("Renraku") String totpIssuer) {

	/**
	 * @param minLength fewest characters (code points)
	 * @param maxLength most characters; never truncated
	 * @param minCharacterClasses how many of upper case, lower case, digits and symbols
	 * must appear (0 turns the rule off)
	 * @param rejectLoginId refuse passwords that contain the login ID
	 * @param rejectCommon refuse the common breached passwords shipped with Renraku
	 * @param history how many earlier passwords cannot be used again (0 turns the rule
	 * off)
	 * @param maxAge age after which a password must be changed at next sign-in (0 turns
	 * expiry off)
	 */
	record PasswordRules(@DefaultValue("12") @Min(8) int minLength,
			@DefaultValue("128") @Min(64) @Max(1024) int maxLength,
			@DefaultValue("3") @Min(0) @Max(4) int minCharacterClasses, @DefaultValue("true") boolean rejectLoginId,
			@DefaultValue("true") boolean rejectCommon, @DefaultValue("5") @Min(0) @Max(24) int history,
			@DefaultValue("90d") Duration maxAge) {
	}

	/**
	 * @param maxFailures wrong attempts for one ID from one client, within
	 * {@code duration}, after which that client is refused for that ID
	 * @param duration how long such a lock lasts, and the window the attempts are counted
	 * in
	 * @param accountMaxFailures wrong attempts for one ID from all clients together,
	 * within {@code duration}, after which the ID is refused to every browser its holder
	 * has not signed in with before (guessing from many places at once)
	 * @param deviceMemory how long a browser that signed in is recognised as the holder's
	 */
	record Lockout(@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("15m") Duration duration,
			@DefaultValue("50") @Min(1) int accountMaxFailures, @DefaultValue("90d") Duration deviceMemory) {
	}

}
