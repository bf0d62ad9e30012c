package jp.renraku.delivery;

import java.util.HashSet;
import java.util.Set;

import jp.renraku.common.InstallationSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The confirmation token: round trip, no visible id, every altered character refused. */
class DeliveryTokensTest {

	private static DeliveryTokens tokens(byte seed) {
		return new DeliveryTokens(InstallationSecret.ofKey(new byte[] { seed, 2, 3, 4, 5, 6, 7, 8 }));
	}

	@Test
	void aTokenNamesItsDeliveryAndShowsNothingOfIt() {
		DeliveryTokens tokens = tokens((byte) 1);
		Set<String> seen = new HashSet<>();
		for (long id = 1; id <= 1000; id++) {
			String token = tokens.token(id);
			assertThat(token).hasSize(36).matches("[A-Za-z0-9_-]+").doesNotContain(String.valueOf(id * 7919));
			assertThat(tokens.deliveryId(token)).hasValue(id);
			assertThat(seen.add(token.substring(0, 8))).isTrue();
		}
	}

	@Test
	void everySingleCharacterChangeIsRefused() {
		DeliveryTokens tokens = tokens((byte) 1);
		String token = tokens.token(42);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < token.length(); i++) {
			for (char c : alphabet.toCharArray()) {
				if (c == token.charAt(i)) {
					continue;
				}
				String altered = token.substring(0, i) + c + token.substring(i + 1);
				assertThat(tokens.deliveryId(altered)).as(altered).isEmpty();
			}
		}
	}

	@Test
	void anotherInstallationsTokensAreRefused() {
		assertThat(tokens((byte) 9).deliveryId(tokens((byte) 1).token(42))).isEmpty();
		assertThat(tokens((byte) 1).deliveryId(null)).isEmpty();
		assertThat(tokens((byte) 1).deliveryId("")).isEmpty();
	}

}
