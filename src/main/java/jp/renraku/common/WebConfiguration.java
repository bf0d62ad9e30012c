package jp.renraku.common;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Japanese first: every page is Japanese unless the person picks English with
 * {@code ?lang=en}; the choice is kept in a cookie. The browser's Accept-Language is
 * deliberately ignored.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final Locale DEFAULT_LOCALE = Locale.JAPANESE;

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("renraku-lang");
		resolver.setDefaultLocale(DEFAULT_LOCALE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		return resolver;
	}

	/**
	 * Messages in {@code messages_ja} and {@code messages_en}; any other locale gets
	 * Japanese. Named {@code messageSource} so that validation messages come from the
	 * same files.
	 */
	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setDefaultLocale(DEFAULT_LOCALE);
		return source;
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
	 * Accepts only the languages we ship, so {@code ?lang=xx} cannot pick an untranslated
	 * page.
	 */
	static final class SupportedLocaleChangeInterceptor extends LocaleChangeInterceptor {

		SupportedLocaleChangeInterceptor() {
			setParamName("lang");
			setIgnoreInvalidLocale(true);
		}

		@Override
		protected Locale parseLocaleValue(String localeValue) {
			return "en".equals(localeValue) ? Locale.ENGLISH : DEFAULT_LOCALE;
		}

	}

}
