/**
 * The outbox and the bulk engine that turns it into one message per recipient over
 * kept-open SMTP connections (Art. 3-3, 5-1): destinations (mobile carriers) and their
 * pace, ISO-2022-JP, retries, per-recipient status, the time each notice's mail took to
 * reach the relay, the tokens every mail carries, and the bounces that come back.
 * {@link jp.renraku.delivery.DeliveryManagement} is the API, with
 * {@link jp.renraku.delivery.DeliveryLinks} for the tokens in a recipient's mail; the
 * engine reaches recipients, notice content and the bodies' sending rules only through
 * the ports {@link jp.renraku.delivery.RecipientDirectory},
 * {@link jp.renraku.delivery.NoticeContents} and
 * {@link jp.renraku.delivery.SendingRules}.
 */
@ApplicationModule(allowedDependencies = { "common", "mail" })
@NullMarked
package jp.renraku.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
