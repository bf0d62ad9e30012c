package jp.renraku.delivery;

/**
 * What a confirmation or opening link answers for: the notice and the delivery it is
 * recorded on, and the registrant the mail went to (who may have stopped since). For a
 * reminder's mail that is the delivery of the notice it reminds of.
 */
public record ReceiptTarget(NoticeId notice, DeliveryId delivery, long registrantId) {
}
