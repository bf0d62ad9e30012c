package jp.renraku.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.renraku.common.InstallationSecret;
import org.springframework.stereotype.Component;

/**
 * Every token that names a delivery in a recipient's mail: the confirmation link (Art.
 * 5-2), the opening image, the links to the notice's files, the return path (VERP) and
 * the Reply-To. Each is the delivery id and a purpose marker encrypted as one AES block,
 * so the token shows no id and no two deliveries' tokens look alike, followed by an HMAC
 * over the block, so an altered or invented token is refused before anything is decrypted
 * or looked up; a token of one purpose is not one of another. 36 URL-safe characters (52
 * hex for mail addresses); checking one takes microseconds and no database. Other modules
 * reach them through {@link DeliveryManagement}.
 */
@Component
class DeliveryTokens {

	private static final byte[] PURPOSE = "RcptV1\0\0".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The opening image's token: a confirmation token does not open it, nor the reverse.
	 */
	private static final byte[] OPEN = "OpenV1\0\0".getBytes(StandardCharsets.US_ASCII);

	private static final int TAG = 10;

	/** The return path's token (VERP): bounces name the delivery they are about. */
	private static final byte[] BOUNCE = "BncV1\0\0\0".getBytes(StandardCharsets.US_ASCII);

	/** The token of the links to a notice's files (issue 20). */
	private static final byte[] FILE = "FileV1\0\0".getBytes(StandardCharsets.US_ASCII);

	private static final HexFormat HEX = HexFormat.of();

	/** The Reply-To's token: replies to a notice name the delivery they answer. */
	private static final byte[] REPLY = "RplyV1\0\0".getBytes(StandardCharsets.US_ASCII);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec cipherKey;

	private final SecretKeySpec macKey;

	/**
	 * One cipher and one MAC per thread, keyed once: looking a provider up for every
	 * click was a tenth of a confirmation's work.
	 */
	private final ThreadLocal<Cipher> encrypt;

	private final ThreadLocal<Cipher> decrypt;

	private final ThreadLocal<Mac> macs;

	DeliveryTokens(InstallationSecret secret) {
		this.cipherKey = new SecretKeySpec(secret.derive("receipt-token-aes", 16), "AES");
		this.macKey = new SecretKeySpec(secret.derive("receipt-token-mac", 32), "HmacSHA256");
		this.encrypt = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE));
		this.decrypt = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE));
		this.macs = ThreadLocal.withInitial(this::mac);
	}

	private Cipher cipher(int mode) {
		try {
			// one block, unique per delivery: ECB is a plain block cipher call here
			Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
			cipher.init(mode, cipherKey);
			return cipher;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES is required by every Java platform", ex);
		}
	}

	private Mac mac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(macKey);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", ex);
		}
	}

	String token(long deliveryId) {
		return token(deliveryId, PURPOSE);
	}

	/** The token of the image that records the opening of a delivery's mail. */
	String openToken(long deliveryId) {
		return token(deliveryId, OPEN);
	}

	/**
	 * The token in a delivery's return path, {@code bounce+<token>@<bounce domain>}: the
	 * same sealed block and tag, in lower-case hex (52 characters), because mail servers
	 * may change the case of an address's local part.
	 */
	String bounceToken(long deliveryId) {
		return hexToken(deliveryId, BOUNCE);
	}

	/** The token in a delivery's Reply-To, {@code reply+<token>@<mail-in domain>}. */
	String replyToken(long deliveryId) {
		return hexToken(deliveryId, REPLY);
	}

	OptionalLong repliedDeliveryId(String token) {
		return hexDeliveryId(token, REPLY);
	}

	private String hexToken(long deliveryId, byte[] purpose) {
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, ByteBuffer.allocate(16).putLong(deliveryId).put(purpose).array());
		return HEX.formatHex(sealed) + HEX.formatHex(tag(sealed));
	}

	/** The delivery a return path's token was made for, or empty for anything else. */
	OptionalLong bouncedDeliveryId(String token) {
		return hexDeliveryId(token, BOUNCE);
	}

	private OptionalLong hexDeliveryId(String token, byte[] expected) {
		if (token == null || token.length() != 52 || !token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
			return OptionalLong.empty();
		}
		byte[] bytes = HEX.parseHex(token.toLowerCase(Locale.ROOT));
		byte[] sealed = Arrays.copyOf(bytes, 16);
		byte[] tag = Arrays.copyOfRange(bytes, 16, 16 + TAG);
		if (!MessageDigest.isEqual(tag, tag(sealed))) {
			return OptionalLong.empty();
		}
		ByteBuffer block = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, sealed));
		long id = block.getLong();
		byte[] purpose = new byte[8];
		block.get(purpose);
		return Arrays.equals(purpose, expected) && id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
	}

	/** The token in the links to the files of a delivery's notice. */
	String fileToken(long deliveryId) {
		return token(deliveryId, FILE);
	}

	/** The delivery of a file link's token, or empty. */
	OptionalLong fileDeliveryId(String token) {
		return deliveryId(token, FILE);
	}

	/** The delivery of an opening image's token, or empty. */
	OptionalLong openedDeliveryId(String token) {
		return deliveryId(token, OPEN);
	}

	private String token(long deliveryId, byte[] purpose) {
		byte[] block = ByteBuffer.allocate(16).putLong(deliveryId).put(purpose).array();
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, block);
		return ENCODER.encodeToString(sealed) + ENCODER.encodeToString(tag(sealed));
	}

	/**
	 * The delivery a token was made for, or empty for anything forged, cut or altered.
	 */
	OptionalLong deliveryId(String token) {
		return deliveryId(token, PURPOSE);
	}

	private OptionalLong deliveryId(String token, byte[] expected) {
		if (token == null || token.length() != 36) {
			return OptionalLong.empty();
		}
		byte[] sealed;
		byte[] tag;
		try {
			sealed = DECODER.decode(token.substring(0, 22));
			tag = DECODER.decode(token.substring(22));
		}
		catch (IllegalArgumentException ex) {
			return OptionalLong.empty();
		}
		// Base64 leaves unused bits in the last character of each part: accept only the
		// one spelling this class writes, so that no altered string passes
		if (sealed.length != 16 || tag.length != TAG
				|| !token.equals(ENCODER.encodeToString(sealed) + ENCODER.encodeToString(tag))
				|| !MessageDigest.isEqual(tag, tag(sealed))) {
			return OptionalLong.empty();
		}
		ByteBuffer block = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, sealed));
		long id = block.getLong();
		byte[] purpose = new byte[8];
		block.get(purpose);
		return Arrays.equals(purpose, expected) && id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
	}

	private byte[] crypt(int mode, byte[] block) {
		try {
			return (mode == Cipher.ENCRYPT_MODE ? encrypt : decrypt).get().doFinal(block);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES is required by every Java platform", ex);
		}
	}

	private byte[] tag(byte[] sealed) {
		// doFinal resets the MAC for the next use
		return Arrays.copyOf(macs.get().doFinal(sealed), TAG);
	}

}
