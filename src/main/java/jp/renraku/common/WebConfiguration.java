package jp.renraku.common;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Japanese first: every page is Japanese unless the person picks another language with
 * {@code ?lang=} (the switch in the page frame); the choice is kept in a cookie. On the
 * registration pages a browser that asks for one of the residents' languages gets it
 * until a choice is made; staff pages ignore the browser's languages, and speak Japanese
 * and English only.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final Locale DEFAULT_LOCALE = Locale.JAPANESE;

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("renraku-lang");
		resolver.setDefaultLocale(DEFAULT_LOCALE);
		resolver.setDefaultLocaleFunction(WebConfiguration::browserLocale);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		return resolver;
	}

	/**
	 * Where the browser's languages preselect one: the registration pages. A registrant's
	 * own pages (personal page, receipt) follow the language they chose, which their
	 * links carry.
	 */
	private static final List<String> RESIDENT_PATHS = List.of("/r/");

	private static Locale browserLocale(HttpServletRequest request) {
		String path = request.getRequestURI();
		boolean resident = RESIDENT_PATHS.stream().anyMatch(path::startsWith);
		if (!resident || request.getHeader("Accept-Language") == null) {
			return DEFAULT_LOCALE;
		}
		return Language.preferred(Collections.list(request.getLocales())).map(Language::locale).orElse(DEFAULT_LOCALE);
	}

	/**
	 * What a resident reads in {@code resident_*} (every language of {@link Language}),
	 * the staff pages in {@code messages_ja} and {@code messages_en}; any other locale
	 * gets Japanese there. A city's own wording from the override file comes first. Named
	 * {@code messageSource} so that validation messages come from the same files.
	 */
	@Bean
	MessageSource messageSource(@Value("${renraku.messages.override:}") String overrideFile) {
		return new ResidentMessages(MessageOverrides.read(overrideFile));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new SupportedLocaleChangeInterceptor());
	}

	/**
	 * Accepts only the languages we ship (by their {@link Language#code() code}), so
	 * {@code ?lang=xx} cannot pick an untranslated page.
	 */
	static final class SupportedLocaleChangeInterceptor extends LocaleChangeInterceptor {

		SupportedLocaleChangeInterceptor() {
			setParamName("lang");
			setIgnoreInvalidLocale(true);
		}

		@Override
		protected Locale parseLocaleValue(String localeValue) {
			return Language.ofCode(localeValue).orElse(Language.JA).locale();
		}

	}

}
