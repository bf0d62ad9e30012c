package jp.renraku.common;

import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch in the page frame keeps the page and its query (a confirmation
 * link's token, a search), changing only {@code lang}. On an error page it is the address
 * that failed, not the container's {@code /error} it was forwarded to (which, asked
 * directly, has no error to show).
 */
@ControllerAdvice
class LanguageLinks {

	/** One entry of the resident's language switch. */
	public record LanguageLink(Language language, String href) {
	}

	/** The pages a resident reads: registration, personal page, receipt. */
	private static final List<String> RESIDENT_PAGES = List.of("/r/", "/m/", "/c/", "/f/");

	/**
	 * The switch on a resident's pages: every language (the page marks the current one
	 * with {@link Languages#current}, as it is only known once the handler ran); none on
	 * the staff pages, which have Japanese and English.
	 */
	@ModelAttribute("languageLinks")
	List<LanguageLink> languages(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = failed instanceof String uri ? uri : request.getRequestURI();
		if (RESIDENT_PAGES.stream().noneMatch(path::startsWith)) {
			return List.of();
		}
		return Stream.of(Language.values())
			.map(language -> new LanguageLink(language, link(request, language.code())))
			.toList();
	}

	@ModelAttribute("languageLinkJa")
	String japanese(HttpServletRequest request) {
		return link(request, "ja");
	}

	@ModelAttribute("languageLinkEn")
	String english(HttpServletRequest request) {
		return link(request, "en");
	}

	static String link(HttpServletRequest request, String language) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = failed instanceof String uri ? uri : request.getRequestURI();
		Object query = failed instanceof String ? request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING)
				: request.getQueryString();
		UriComponents uri = UriComponentsBuilder.fromPath(path)
			.query(query instanceof String q ? q : null)
			.replaceQueryParam("lang", language)
			.build();
		return uri.getPath() + "?" + uri.getQuery();
	}

}
