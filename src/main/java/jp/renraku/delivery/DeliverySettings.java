package jp.renraku.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delivery engine.
 *
 * @param enabled run the engine on this node (every node may run it; they share the
 * queue)
 * @param workers worker threads, each with its own SMTP connection
 * @param batchSize deliveries a worker claims at once
 * @param lease how long a claim holds unless renewed (a worker renews its batch every
 * third of it while it sends, for at most ten leases); after that another worker resumes
 * the rows
 * @param pollInterval how often an idle worker looks for due mail
 * @param maxAttempts attempts before a temporary failure becomes permanent
 * @param retryBase wait before the first retry; doubles with each attempt
 * @param messagesPerConnection messages sent over one SMTP connection before it is
 * renewed
 * @param pipelining send MAIL FROM, RCPT TO and DATA in one write to a relay that offers
 * PIPELINING (RFC 2920); false for a relay that offers it but does not do it right
 * @param destinations limits and character set for groups of destination domains (mobile
 * carriers), by a name of the operator's choosing
 */
@Validated
@ConfigurationProperties("renraku.delivery")
public record DeliverySettings(@DefaultValue("true") boolean enabled, @DefaultValue("4") @Min(1) @Max(64) int workers,
		@DefaultValue("200") @Min(1) @Max(5000) int batchSize, @DefaultValue("2m") Duration lease,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("8") @Min(1) int maxAttempts,
		@DefaultValue("30s") Duration retryBase, @DefaultValue("1000") @Min(1) int messagesPerConnection,
		@DefaultValue("true") boolean pipelining, @DefaultValue @Valid Map<String, Destination> destinations) {

	/** The character set of a message's text. */
	public enum MailCharset {

		/** UTF-8, for everyone by default. */
		UTF_8,
		/**
		 * ISO-2022-JP (RFC 1468), for older carrier phones; platform-dependent characters
		 * are normalised first, and a message that still cannot be written in it goes as
		 * UTF-8.
		 */
		ISO_2022_JP

	}

	/**
	 * What one group of destination domains (say, a mobile carrier) accepts. Limits hold
	 * for all nodes together (issue 18), so every node must have the same ones.
	 *
	 * @param domains the domains; each also covers its subdomains
	 * @param maxConnections SMTP sessions at once carrying mail for these domains, as
	 * slots leased in the database; 0 for no limit
	 * @param messagesPerMinute messages per minute to these domains, as slices of about a
	 * second taken from the database; 0 for no limit
	 * @param messagesPerSession messages in one SMTP session before it is renewed; 0 for
	 * the engine's messagesPerConnection
	 * @param charset the character set of messages to these domains
	 */
	public record Destination(@NotEmpty List<String> domains, @DefaultValue("0") @Min(0) int maxConnections,
			@DefaultValue("0") @Min(0) int messagesPerMinute, @DefaultValue("0") @Min(0) int messagesPerSession,
			@DefaultValue("UTF_8") MailCharset charset) {
	}

}
