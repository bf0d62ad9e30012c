package jp.renraku.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The languages a resident can read Renraku in (issue 19): Japanese, easy Japanese
 * (やさしい日本語, its own messages with readings on kanji) and the languages of a city's
 * foreign residents. Staff pages are Japanese and English only; any other language falls
 * back to Japanese there.
 *
 * @param code how the language is stored and asked for ({@code ?lang=vi})
 */
public enum Language {

	JA("ja", Locale.JAPANESE, "ja", "日本語"),

	/** やさしい日本語: the messages {@code resident_ja__easy}, Japanese for everything else. */
	EASY_JA("ja-easy", new Locale("ja", "", "easy"), "ja", "やさしい にほんご"),

	EN("en", Locale.ENGLISH, "en", "English"),

	ZH("zh-CN", Locale.SIMPLIFIED_CHINESE, "zh-CN", "简体中文"),

	KO("ko", Locale.KOREAN, "ko", "한국어"),

	VI("vi", new Locale("vi"), "vi", "Tiếng Việt"),

	PT("pt-BR", new Locale("pt", "BR"), "pt-BR", "Português (Brasil)"),

	TL("tl", new Locale("tl"), "tl", "Tagalog / Filipino");

	private final String code;

	private final Locale locale;

	private final String htmlLang;

	private final String autonym;

	Language(String code, Locale locale, String htmlLang, String autonym) {
		this.code = code;
		this.locale = locale;
		this.htmlLang = htmlLang;
		this.autonym = autonym;
	}

	/** The stored code, as {@code ?lang=} takes it. */
	public String code() {
		return this.code;
	}

	/** The locale messages are read in. */
	public Locale locale() {
		return this.locale;
	}

	/** The value of a page's {@code lang} attribute. */
	public String htmlLang() {
		return this.htmlLang;
	}

	/** The language's name in itself, as the switch shows it. */
	public String autonym() {
		return this.autonym;
	}

	/** Japanese or easy Japanese: the languages a carrier's ISO-2022-JP is for. */
	public boolean japanese() {
		return this == JA || this == EASY_JA;
	}

	/** The language of a stored or asked-for code. */
	public static Optional<Language> ofCode(String code) {
		for (Language language : values()) {
			if (language.code.equalsIgnoreCase(code)) {
				return Optional.of(language);
			}
		}
		return Optional.empty();
	}

	/** The language of a stored code; Japanese for none or one no longer known. */
	public static Language stored(@Nullable String code) {
		return code == null ? JA : ofCode(code).orElse(JA);
	}

	/**
	 * The language a locale is read in: the exact one, else the one of its language
	 * (Chinese of any region reads Simplified Chinese, Portuguese reads Brazilian);
	 * Japanese for any other.
	 */
	public static Language of(@Nullable Locale locale) {
		return best(locale).orElse(JA);
	}

	/**
	 * The first of the browser's languages (Accept-Language, in its order) that Renraku
	 * speaks.
	 */
	public static Optional<Language> preferred(List<Locale> browser) {
		return browser.stream().map(Language::best).flatMap(Optional::stream).findFirst();
	}

	private static Optional<Language> best(@Nullable Locale locale) {
		if (locale == null) {
			return Optional.empty();
		}
		for (Language language : values()) {
			if (language.locale.equals(locale)) {
				return Optional.of(language);
			}
		}
		String tag = locale.getLanguage();
		if ("fil".equals(tag)) {
			return Optional.of(TL);
		}
		for (Language language : values()) {
			if (language != EASY_JA && language.locale.getLanguage().equals(tag)) {
				return Optional.of(language);
			}
		}
		return Optional.empty();
	}

}
