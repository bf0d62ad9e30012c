package jp.renraku.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail that comes back to Renraku: bounces, empty mails to a list's registration address,
 * replies to notices — all addressed {@code <kind>+<token>@<domain>} and read from one
 * mailbox.
 *
 * @param domain the mail-in domain of {@code bounce+…} return paths, {@code entry+…}
 * registration addresses and {@code reply+…} Reply-To addresses (RENRAKU_MAIL_IN_DOMAIN);
 * empty: none of them, the From address is the return path and bounces cannot be matched
 * @param mailbox the mailbox that mail lands in, read by Renraku
 * @param softBounceLimit soft bounces (full mailbox, temporary errors) of one address ...
 * @param softBounceWindow ... within this time that stop its mail, like one hard bounce
 */
@ConfigurationProperties("renraku.mail-in")
public record MailInSettings(@Nullable String domain, @DefaultValue Mailbox mailbox,
		@DefaultValue("3") int softBounceLimit, @DefaultValue("30d") Duration softBounceWindow) {

	/** Whether outgoing mail carries a per-delivery return path. */
	public boolean verp() {
		return domain != null && !domain.isBlank();
	}

	/**
	 * @param enabled read the mailbox on every node, every {@code interval}
	 * @param protocol {@code imaps}, {@code imap}, {@code pop3s} or {@code pop3}
	 * @param host the mail server
	 * @param port its port; 0: the protocol's own
	 * @param username the mailbox's user
	 * @param password its password (RENRAKU_MAIL_IN_PASSWORD)
	 * @param folder the folder to read (IMAP; POP3 has only INBOX)
	 * @param moveTo IMAP folder processed mail is moved to; empty: processed mail is
	 * deleted
	 * @param interval time between two readings
	 * @param maxPerRound messages read at most in one reading
	 */
	public record Mailbox(@DefaultValue("false") boolean enabled, @DefaultValue("imaps") String protocol,
			@Nullable String host, @DefaultValue("0") int port, @Nullable String username, @Nullable String password,
			@DefaultValue("INBOX") String folder, @Nullable String moveTo, @DefaultValue("1m") Duration interval,
			@DefaultValue("500") int maxPerRound) {
	}

}
