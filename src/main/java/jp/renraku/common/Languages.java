package jp.renraku.common;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * The page's language as templates ask for it ({@code ${@languages.htmlLang(#locale)}}):
 * read when the page is rendered, after the handler may have changed it (a personal page
 * turns to the language its registrant chose).
 */
@Component("languages")
public final class Languages {

	/** The value of the page's {@code lang} attribute. */
	public String htmlLang(Locale locale) {
		return Language.of(locale).htmlLang();
	}

	/** Whether the page is in that language (the switch marks it). */
	public boolean current(Language language, Locale locale) {
		return Language.of(locale) == language;
	}

}
