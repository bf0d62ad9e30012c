package jp.renraku.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * SHA-256 over a length-prefixed encoding of an entry's fields and its predecessor's
 * hash. Length prefixes keep field boundaries unambiguous ("ab"+"c" differs from
 * "a"+"bc"); a null field is encoded differently from an empty one.
 */
final class AuditHashing {

	static final String GENESIS = "0".repeat(64);

	private AuditHashing() {
	}

	static String hash(AuditEntry e) {
		StringBuilder canonical = new StringBuilder(256);
		field(canonical, Long.toString(e.seq()));
		field(canonical, e.occurredAt().toString());
		field(canonical, e.actorAccountId() == null ? null : e.actorAccountId().toString());
		field(canonical, e.actorLoginId());
		field(canonical, e.bodyId() == null ? null : e.bodyId().toString());
		field(canonical, e.action().name());
		field(canonical, e.target());
		field(canonical, e.detail());
		field(canonical, e.clientAddress());
		field(canonical, e.prevHash());
		return sha256(canonical.toString());
	}

	private static void field(StringBuilder out, @Nullable String value) {
		if (value == null) {
			out.append("-;");
			return;
		}
		out.append(value.length()).append(':').append(value).append(';');
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
