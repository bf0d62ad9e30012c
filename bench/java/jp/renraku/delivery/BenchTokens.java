package jp.renraku.delivery;

import org.springframework.context.ApplicationContext;

/**
 * The confirmation tokens the benchmark presses, as the mail would carry them. In the
 * delivery package because the tokens are the module's own.
 */
public final class BenchTokens {

	private final DeliveryTokens tokens;

	public BenchTokens(ApplicationContext app) {
		this.tokens = app.getBean(DeliveryTokens.class);
	}

	public String confirmation(long deliveryId) {
		return tokens.token(deliveryId);
	}

}
