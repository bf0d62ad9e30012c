package jp.renraku.common;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The language switch in the page frame keeps the page and its query (a confirmation
 * link's token, a search), changing only {@code lang}.
 */
@ControllerAdvice
class LanguageLinks {

	@ModelAttribute("languageLinkJa")
	String japanese() {
		return link("ja");
	}

	@ModelAttribute("languageLinkEn")
	String english() {
		return link("en");
	}

	private static String link(String language) {
		var uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", language).build();
		return uri.getPath() + "?" + uri.getQuery();
	}

}
