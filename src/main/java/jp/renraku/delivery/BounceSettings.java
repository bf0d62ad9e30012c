package jp.renraku.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounces: where they go and what they do.
 *
 * @param domain the bounce domain of the return path {@code bounce+<token>@<domain>}
 * (RENRAKU_BOUNCE_DOMAIN); empty: the From address is the return path and bounces cannot
 * be matched
 * @param mailbox the mailbox those bounces land in, read by Renraku
 * @param softLimit soft bounces (full mailbox, temporary errors) of one address ...
 * @param softWindow ... within this time that stop its mail, like one hard bounce does
 */
@ConfigurationProperties("renraku.bounces")
public record BounceSettings(@Nullable String domain, @DefaultValue Mailbox mailbox, @DefaultValue("3") int softLimit,
		@DefaultValue("30d") Duration softWindow) {

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
	 * @param password its password (RENRAKU_BOUNCE_PASSWORD)
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
