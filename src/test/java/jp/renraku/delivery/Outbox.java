package jp.renraku.delivery;

import org.springframework.stereotype.Component;

/**
 * The engine and the tokens as tests of other modules need them: send what is due now on
 * the test's thread, and make the personal link tokens a recipient's mail carries. Main
 * code reaches neither (they are this module's own); tests do through here.
 */
@Component
public class Outbox {

	private final DeliveryEngine engine;

	private final DeliveryTokens tokens;

	Outbox(DeliveryEngine engine, DeliveryTokens tokens) {
		this.engine = engine;
		this.tokens = tokens;
	}

	/** Sends everything due now; returns how many deliveries it handled. */
	public int sendDueNow() {
		return engine.sendDueNow();
	}

	/** The token of the delivery's confirmation link. */
	public String token(long deliveryId) {
		return tokens.token(deliveryId);
	}

	/** The token of the delivery's opening image. */
	public String openToken(long deliveryId) {
		return tokens.openToken(deliveryId);
	}

	/** The token of the delivery's Reply-To address. */
	public String replyToken(long deliveryId) {
		return tokens.replyToken(deliveryId);
	}

	/** The token of the delivery's return path. */
	public String bounceToken(long deliveryId) {
		return tokens.bounceToken(deliveryId);
	}

	/** The sending rules changed: the engine looks again at once. */
	public void rulesChanged() {
		engine.rulesChanged();
	}

}
