package jp.renraku.mail;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Renraku sends mail.
 *
 * @param from sender address of every message (RENRAKU_MAIL_FROM)
 * @param smtp the city's relay; ignored while the development catcher is on
 * @param catcher the built-in development mail catcher
 */
@Validated
@ConfigurationProperties("renraku.mail")
public record MailSettings(@DefaultValue("renraku@localhost") @NotBlank String from, @DefaultValue Smtp smtp,
		@DefaultValue Catcher catcher) {

	/** How to protect the connection to the relay. */
	public enum Tls {

		/** Plain SMTP, only for a relay on the same host or network segment. */
		NONE,
		/** Upgrade with STARTTLS and refuse to send if the relay does not offer it. */
		STARTTLS,
		/** TLS from the first byte (SMTPS, usually port 465). */
		SMTPS

	}

	/**
	 * @param host relay host name (RENRAKU_SMTP_HOST)
	 * @param port relay port (RENRAKU_SMTP_PORT)
	 * @param username user for SMTP AUTH, empty for none (RENRAKU_SMTP_USERNAME)
	 * @param password password for SMTP AUTH (RENRAKU_SMTP_PASSWORD)
	 * @param tls connection protection (RENRAKU_SMTP_TLS)
	 */
	public record Smtp(@DefaultValue("localhost") String host, @DefaultValue("25") @Min(1) @Max(65535) int port,
			@Nullable String username, @Nullable String password, @DefaultValue("STARTTLS") Tls tls) {
	}

	/**
	 * @param enabled run the catcher and send all mail to it (RENRAKU_MAIL_CATCHER); on
	 * by default so that a newcomer's Renraku never mails real people
	 * @param port SMTP port of the catcher on 127.0.0.1; 0 picks a free one
	 */
	public record Catcher(@DefaultValue("true") boolean enabled, @DefaultValue("2525") @Min(0) @Max(65535) int port) {
	}

}
