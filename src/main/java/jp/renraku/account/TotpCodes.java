package jp.renraku.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 seconds: what every
 * authenticator app understands). A code is accepted for the current step and one step
 * either side, to allow for clock drift, and compared in constant time.
 */
final class TotpCodes {

	static final int PERIOD_SECONDS = 30;

	private static final int DIGITS = 6;

	private static final int ALLOWED_DRIFT_STEPS = 1;

	private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

	private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);

	private final Clock clock;

	private final String issuer;

	TotpCodes(Clock clock, String issuer) {
		this.clock = clock;
		this.issuer = issuer;
	}

	String newSecret() {
		return secrets.generate();
	}

	/** The otpauth:// URI as a PNG QR code in a data: URI, for the enrolment page. */
	String qrDataUri(String secret, String loginId) {
		QrData data = new QrData.Builder().label(loginId)
			.secret(secret)
			.issuer(issuer)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(DIGITS)
			.period(PERIOD_SECONDS)
			.build();
		try {
			ZxingPngQrGenerator png = new ZxingPngQrGenerator();
			return Utils.getDataUriForImage(png.generate(data), png.getImageMimeType());
		}
		catch (QrGenerationException ex) {
			throw new IllegalStateException("QR code could not be drawn", ex);
		}
	}

	/**
	 * The time step the code belongs to, if it is valid now; the caller refuses a reused
	 * step.
	 */
	OptionalLong matchingStep(String secret, @Nullable String code) {
		if (code == null) {
			return OptionalLong.empty();
		}
		String digits = code.replaceAll("[\\s-]", "");
		if (!digits.matches("\\d{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		long current = clock.instant().getEpochSecond() / PERIOD_SECONDS;
		for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
			if (constantTimeEquals(codeAt(secret, step), digits)) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	String codeAt(String secret, long step) {
		try {
			return generator.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("TOTP code could not be computed", ex);
		}
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

}
