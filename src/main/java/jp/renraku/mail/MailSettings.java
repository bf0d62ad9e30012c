package jp.renraku.mail;

import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
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
 * @param senderDomains the domains a body's own From address may be of
 * (RENRAKU_MAIL_SENDER_DOMAINS, comma-separated); empty: every mail is from {@code from}.
 * Only domains the relay may send for (SPF, DKIM), or carriers refuse the mail.
 */
@Validated
@ConfigurationProperties("renraku.mail")
public record MailSettings(@DefaultValue("renraku@localhost") @NotBlank String from, @DefaultValue Smtp smtp,
		@DefaultValue Catcher catcher, @DefaultValue List<String> senderDomains) {

	/** Whether a body may send from this address (its domain is an allowed one). */
	public boolean allowsSender(@Nullable String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		return senderDomains.stream().anyMatch(allowed -> allowed.strip().equalsIgnoreCase(domain));
	}

	/** The bare address mail is from when a body has none of its own. */
	public String fromAddress() {
		try {
			return new InternetAddress(from).getAddress();
		}
		catch (AddressException ex) {
			return from;
		}
	}

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
