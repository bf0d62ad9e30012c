package jp.renraku.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renraku's messages: a city's own wording first ({@link MessageOverrides}), then what a
 * resident reads ({@code resident_*}, in every {@link Language}), then the staff pages
 * ({@code messages_ja}, {@code messages_en}). A staff text asked for in a resident's
 * language is read in Japanese: staff pages are not translated beyond English.
 */
final class ResidentMessages extends ResourceBundleMessageSource {

	private final Map<Language, Map<String, String>> overrides;

	ResidentMessages(Map<Language, Map<String, String>> overrides) {
		this.overrides = overrides;
		setBasenames("resident", "messages");
		setDefaultEncoding("UTF-8");
		setFallbackToSystemLocale(false);
		setDefaultLocale(Locale.JAPANESE);
	}

	@Override
	protected @Nullable String resolveCodeWithoutArguments(String code, Locale locale) {
		String own = override(code, locale);
		if (own != null) {
			return own;
		}
		String found = super.resolveCodeWithoutArguments(code, locale);
		return found != null || staffLanguage(locale) ? found
				: super.resolveCodeWithoutArguments(code, Locale.JAPANESE);
	}

	@Override
	protected @Nullable MessageFormat resolveCode(String code, Locale locale) {
		String own = override(code, locale);
		if (own != null) {
			return createMessageFormat(own, locale);
		}
		MessageFormat found = super.resolveCode(code, locale);
		return found != null || staffLanguage(locale) ? found : super.resolveCode(code, Locale.JAPANESE);
	}

	private @Nullable String override(String code, Locale locale) {
		if (this.overrides.isEmpty()) {
			return null;
		}
		Map<String, String> own = this.overrides.get(Language.of(locale));
		return own == null ? null : own.get(code);
	}

	private static boolean staffLanguage(Locale locale) {
		return Language.of(locale) == Language.JA || Language.of(locale) == Language.EN;
	}

}
