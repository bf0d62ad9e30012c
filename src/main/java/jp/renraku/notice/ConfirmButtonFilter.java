package jp.renraku.notice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.SecurityHeaders;
import jp.renraku.delivery.ReceiptTokens;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The press of the confirmation button (Art. 5-2), the one request that arrives thousands
 * of times a second after a disaster, answered before the security chains, the request
 * metrics and Spring MVC, which together were two thirds of its work: it is a POST of the
 * signed token alone, with no session, no CSRF token, no form fields and nothing to
 * authorise. The token is checked, the press goes to the {@link ReceiptWriter} (which
 * looks the delivery up with its whole group), and the thank-you page — rendered once per
 * notice, outcome and language, then kept — goes back with the same security headers as
 * every page ({@link SecurityHeaders}).
 * <p>
 * Anything else passes on unchanged to {@link ReceiptController}: a forged token (404), a
 * closed notice (410), a notice with questions or a POST with answers (the answer page),
 * so that every rule stays where it is written and this is only a shorter way for the
 * common case.
 */
class ConfirmButtonFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/c/";

	private final ReceiptTokens tokens;

	private final ReceiptWriter writer;

	private final LocaleResolver locales;

	private final ITemplateEngine templates;

	/** Rendered thank-you pages by notice, outcome and language. */
	private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

	ConfirmButtonFilter(ReceiptTokens tokens, ReceiptWriter writer, LocaleResolver locales, ITemplateEngine templates) {
		this.tokens = tokens;
		this.writer = writer;
		this.locales = locales;
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// the button's form has no fields: anything with a body or a query is for the
		// page
		if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > 0
				|| request.getQueryString() != null || !path.startsWith(PREFIX)) {
			chain.doFilter(request, response);
			return;
		}
		OptionalLong delivery = tokens.deliveryId(path.substring(PREFIX.length()));
		if (delivery.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		ReceiptWriter.Pressed pressed;
		try {
			pressed = writer.press(delivery.getAsLong());
		}
		catch (Exception ex) {
			throw new ServletException("confirmation not recorded", ex);
		}
		if (pressed.outcome() != ReceiptWriter.Outcome.RECORDED && pressed.outcome() != ReceiptWriter.Outcome.ALREADY) {
			chain.doFilter(request, response);
			return;
		}
		Locale locale = locales.resolveLocale(request);
		byte[] page = page(pressed.notice(), pressed.outcome() == ReceiptWriter.Outcome.RECORDED, locale, request,
				response);
		SecurityHeaders.apply(request, response);
		response.setLocale(locale);
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(page.length);
		response.getOutputStream().write(page);
	}

	private byte[] page(Notices.ReceiptNotice notice, boolean first, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		String key = notice.id() + ":" + first + ":" + locale.toLanguageTag() + ":" + request.getContextPath();
		byte[] page = pages.get(key);
		if (page == null) {
			if (pages.size() > 1000) {
				pages.clear();
			}
			Map<String, Object> model = new HashMap<>();
			model.put("subject", notice.subject());
			model.put("first", first);
			WebContext context = new WebContext(
					JakartaServletWebApplication.buildApplication(request.getServletContext())
						.buildExchange(request, response),
					locale, model);
			page = templates.process("notice/receipt-done", context).getBytes(StandardCharsets.UTF_8);
			pages.put(key, page);
		}
		return page;
	}

}
