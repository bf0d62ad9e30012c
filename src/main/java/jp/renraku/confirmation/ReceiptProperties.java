package jp.renraku.confirmation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Confirmation links (Art. 5-2).
 *
 * @param defaultPeriod how long after release a notice without a deadline takes
 * confirmations and answers; after it the link answers "closed"
 */
@ConfigurationProperties("renraku.receipts")
record ReceiptProperties(@DefaultValue("30d") Duration defaultPeriod) {
}
