package jp.renraku.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param lease how long a claim holds; after that another worker resumes the rows
 * @param pollInterval how often an idle worker looks for due mail
 * @param maxAttempts attempts before a temporary failure becomes permanent
 * @param retryBase wait before the first retry; doubles with each attempt
 * @param messagesPerConnection messages sent over one SMTP connection before it is
 * renewed
 */
@Validated
@ConfigurationProperties("renraku.delivery")
public record DeliverySettings(@DefaultValue("true") boolean enabled, @DefaultValue("4") @Min(1) @Max(64) int workers,
		@DefaultValue("200") @Min(1) @Max(5000) int batchSize, @DefaultValue("2m") Duration lease,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("8") @Min(1) int maxAttempts,
		@DefaultValue("30s") Duration retryBase, @DefaultValue("1000") @Min(1) int messagesPerConnection) {
}
