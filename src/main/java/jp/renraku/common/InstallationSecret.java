package jp.renraku.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The installation's own random key (256 bits), made on first start and kept in the
 * database so that every node signs and checks personal links alike. Signs with
 * HMAC-SHA256 and compares in constant time.
 */
@Component
public class InstallationSecret {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	@Autowired
	InstallationSecret(JdbcClient jdbc, Clock clock) {
		this(Base64.getDecoder().decode(loadOrCreate(jdbc, clock)));
	}

	private InstallationSecret(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/** A secret from known key material, for unit tests of what is derived from it. */
	public static InstallationSecret ofKey(byte[] key) {
		return new InstallationSecret(key.clone());
	}

	/**
	 * load-or-create-secret: reads the single row, or inserts a new random secret; a node
	 * that loses the race to insert reads the winner's.
	 */
	private static String loadOrCreate(JdbcClient jdbc, Clock clock) {
		var existing = jdbc.sql("SELECT secret FROM installation_secret WHERE id = 1").query(String.class).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String secret = Base64.getEncoder().encodeToString(random);
		try {
			jdbc.sql("INSERT INTO installation_secret (id, secret, created_at) VALUES (1, :secret, :now)")
				.param("secret", secret)
				.param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
				.update();
			return secret;
		}
		catch (DuplicateKeyException ex) {
			// another node made it first
			return jdbc.sql("SELECT secret FROM installation_secret WHERE id = 1").query(String.class).single();
		}
	}

	/** HMAC of the text, for the given purpose, as URL-safe Base64 without padding. */
	public String sign(String purpose, String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose + "\n" + text));
	}

	/** Whether the signature is right for the text, compared in constant time. */
	public boolean verify(String purpose, String text, String signature) {
		return MessageDigest.isEqual(sign(purpose, text).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * A keyed hash in hex, for values that must be matched later but not read back
	 * (addresses).
	 */
	public String keyedHash(String purpose, String text) {
		return HexFormat.of().formatHex(mac(purpose + "\n" + text));
	}

	/**
	 * Key material of the given length for one purpose, derived from the installation
	 * secret (HMAC of the purpose), so that no two uses share a key.
	 */
	public byte[] derive(String purpose, int length) {
		return Arrays.copyOf(mac("derive\n" + purpose), length);
	}

	/** A plain SHA-256 in hex, for random tokens whose hash alone is stored. */
	public static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/** A random URL-safe token with the given number of random bytes. */
	public static String randomToken(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private byte[] mac(String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", ex);
		}
	}

}
