package jp.renraku.common;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Text made fit for a log line (issue 18): anything shaped like an e-mail address becomes
 * {@code [address]}, the token of a personal link ({@code /c/…}, {@code /o/…},
 * {@code /f/…}, {@code /m/…}, {@code ?t=…}) becomes {@code [token]}. Log lines name ids,
 * never a resident; but the text of an exception is not ours to word — a refused
 * recipient ("550 5.1.1 &lt;taro@example.jp&gt;: user unknown"), an unparsable address, a
 * database's "Key (email)=(…)" — so such text passes through here where it is logged, and
 * every log line passes through the same patterns once more as it is written: the text
 * pattern's {@code %replace} in application.properties and {@link RedactedLogFields} for
 * JSON.
 * <p>
 * The patterns err on the side of hiding: a carrier's legacy address
 * ({@code taro..yamada.@docomo.ne.jp}) and an internationalised domain are addresses
 * here; a Java object's {@code Foo@1a2b} and a module's {@code java.base@17.0.1} are not
 * (the last label must start with a letter). They hold no single quote, which would end
 * the quoted option of Logback's {@code %replace}.
 */
public final class Redacted {

	/**
	 * An address: a local part of anything but spaces and the characters that end one in
	 * running text, one {@code @} or more (a mistyped address is somebody's too), then a
	 * domain whose last label starts with a letter.
	 */
	public static final String ADDRESS = "[^\\s<>\\x22\\x27(),;:\\[\\]@=]+@+(?:[^\\s<>\\x22\\x27(),;:\\[\\]@=/.]+\\.)+"
			+ "[^\\s<>\\x22\\x27(),;:\\[\\]@=/.0-9][^\\s<>\\x22\\x27(),;:\\[\\]@=/.]+";

	/**
	 * A personal link's token: the path segment after {@code /c/}, {@code /o/},
	 * {@code /f/} or {@code /m/}, and the value of a {@code t} query parameter.
	 */
	public static final String TOKEN = "(?<=/[cfom]/)[A-Za-z0-9_.~-]+|(?<=[?&]t=)[^&\\s\\x22\\x27#<>]+";

	private static final Pattern ADDRESSES = Pattern.compile(ADDRESS);

	private static final Pattern TOKENS = Pattern.compile(TOKEN);

	private Redacted() {
	}

	/** The text with every address and token replaced; null stays null. */
	public static @Nullable String text(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = text.indexOf('@') < 0 ? text : ADDRESSES.matcher(text).replaceAll("[address]");
		return masked.indexOf('/') < 0 && !masked.contains("t=") ? masked
				: TOKENS.matcher(masked).replaceAll("[token]");
	}

	/**
	 * What an exception says, for a log line: its class and message and those of its
	 * causes, each redacted; no stack.
	 */
	public static String of(Throwable ex) {
		StringBuilder said = new StringBuilder(String.valueOf(text(ex.toString())));
		Throwable cause = ex.getCause();
		for (int depth = 0; cause != null && cause != ex && depth < 5; depth++, cause = cause.getCause()) {
			said.append("; caused by ").append(text(cause.toString()));
		}
		return said.toString();
	}

}
