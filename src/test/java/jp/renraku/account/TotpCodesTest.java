package jp.renraku.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpCodesTest {

	/** RFC 6238 appendix B seed "12345678901234567890" in base32. */
	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static TotpCodes at(long epochSecond) {
		return new TotpCodes(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), "Renraku");
	}

	@Test
	void matchesRfc6238TestVectors() {
		// RFC 6238 gives 8 digits (94287082, 07081804); authenticator apps show the last
		// 6
		assertThat(at(59).codeAt(RFC_SECRET, 59 / 30)).isEqualTo("287082");
		assertThat(at(1111111109).codeAt(RFC_SECRET, 1111111109 / 30)).isEqualTo("081804");
	}

	@Test
	void acceptsCurrentAndNeighbouringStepsOnly() {
		TotpCodes codes = at(1111111109);
		long step = 1111111109 / 30;
		assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, step))).hasValue(step);
		assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, step - 1))).hasValue(step - 1);
		assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, step + 1))).hasValue(step + 1);
		assertThat(codes.matchingStep(RFC_SECRET, codes.codeAt(RFC_SECRET, step - 3))).isEmpty();
	}

	@Test
	void toleratesSpacesAndRefusesGarbage() {
		TotpCodes codes = at(59);
		assertThat(codes.matchingStep(RFC_SECRET, "287 082")).hasValue(1);
		assertThat(codes.matchingStep(RFC_SECRET, "28708")).isEmpty();
		assertThat(codes.matchingStep(RFC_SECRET, "abcdef")).isEmpty();
		assertThat(codes.matchingStep(RFC_SECRET, null)).isEmpty();
	}

	@Test
	void drawsAQrCodeAsDataUri() {
		assertThat(at(0).qrDataUri(at(0).newSecret(), "tanaka")).startsWith("data:image/png;base64,");
	}

}
