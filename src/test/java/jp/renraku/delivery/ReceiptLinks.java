package jp.renraku.delivery;

import org.springframework.context.ApplicationContext;

/**
 * The personal confirmation link of a delivery, for browser tests that run the
 * application in a context of its own and cannot read it from a mail.
 */
public final class ReceiptLinks {

	private ReceiptLinks() {
	}

	/** The path of the delivery's receipt page ({@code /c/…}). */
	public static String path(ApplicationContext context, long deliveryId) {
		return "/c/" + context.getBean(DeliveryTokens.class).token(deliveryId);
	}

	/** The path of the page of the files of the delivery's notice ({@code /f/…}). */
	public static String filesPath(ApplicationContext context, long deliveryId) {
		return "/f/" + context.getBean(DeliveryTokens.class).fileToken(deliveryId);
	}

}
