package jp.renraku.registration;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the public registration pages (issue 12, docs/configuration.md): how many
 * wrong registration passwords, and how many confirmation mails, and from whom.
 *
 * @param passwordsPerClient wrong passwords one client may type for one list within
 * {@code window}
 * @param passwordsPerList wrong passwords for one list from all clients within
 * {@code window}; beyond it the list is being guessed, and each client gets only
 * {@code passwordsPerClientWhileGuessed} (the list stays open to the right password)
 * @param passwordsPerClientWhileGuessed a client's allowance while its list is guessed
 * @param window the time the counts above cover
 * @param mailsPerAddress confirmation mails one address gets for one list in an hour (the
 * web form and empty mail together)
 * @param mailsPerAddressAllLists confirmation mails one address gets for all lists in an
 * hour
 * @param mailsPerClient confirmation mails one client may ask for in an hour; generous,
 * because a school's parents may all register from its one address
 */
@Validated
@ConfigurationProperties("renraku.registration.limits")
record RegistrationLimits(@DefaultValue("10") @Min(1) int passwordsPerClient,
		@DefaultValue("100") @Min(1) int passwordsPerList,
		@DefaultValue("3") @Min(1) int passwordsPerClientWhileGuessed, @DefaultValue("15m") Duration window,
		@DefaultValue("3") @Min(1) int mailsPerAddress, @DefaultValue("10") @Min(1) int mailsPerAddressAllLists,
		@DefaultValue("60") @Min(1) int mailsPerClient) {
}
