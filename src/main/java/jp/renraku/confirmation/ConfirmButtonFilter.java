package jp.renraku.confirmation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renraku.common.Language;
import jp.renraku.common.SecurityHeaders;
import jp.renraku.delivery.DeliveryId;
import jp.renraku.delivery.DeliveryLinks;
import org.springframework.context.ApplicationContext;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The press of the confirmation button, or the sending of the answer page (Art. 5-2): the
 * request that arrives thousands of times a second after a disaster, answered before the
 * security chains, the request metrics and Spring MVC, which together were two thirds of
 * its work: it is a POST of the signed token and at most a small form of answers, with no
 * session, no CSRF token and nothing to authorise. The token is checked, the press goes
 * to the {@link ReceiptWriter}, which looks the delivery up with its whole group and
 * reads the answers against the notice's questions ({@link AnswerSheet}, the same rules
 * as the answer page), and the thank-you page — kept per notice, outcome and language
 * where it can be — goes back with the same security headers as every page
 * ({@link SecurityHeaders}).
 * <p>
 * Anything else passes on unchanged to {@link ReceiptController}: a forged token (404), a
 * closed notice (410), questions left unanswered or answers to correct (the answer page
 * with the messages), so that every rule stays where it is written and this is only a
 * shorter way for the common case.
 */
class ConfirmButtonFilter extends OncePerRequestFilter {

	private static final String PREFIX = "/c/";

	/** The largest answer page the short path reads; anything bigger goes to the page. */
	private static final int MAX_FORM = 64 * 1024;

	private final DeliveryLinks deliveries;

	private final ReceiptWriter writer;

	private final LocaleResolver locales;

	private final ITemplateEngine templates;

	/** Rendered thank-you pages by notice, outcome and language. */
	private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

	private final ReleasedNotices released;

	/** Lets the page call beans ({@code @cityTime}) as views rendered by MVC do. */
	private final ThymeleafEvaluationContext evaluation;

	ConfirmButtonFilter(DeliveryLinks deliveries, ReceiptWriter writer, LocaleResolver locales,
			ITemplateEngine templates, ReleasedNotices released, ApplicationContext context) {
		this.released = released;
		this.evaluation = new ThymeleafEvaluationContext(context, null);
		this.deliveries = deliveries;
		this.writer = writer;
		this.locales = locales;
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || request.getQueryString() != null || !path.startsWith(PREFIX)) {
			chain.doFilter(request, response);
			return;
		}
		long length = request.getContentLengthLong();
		boolean form = request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
		// the button's POST has no fields; the answer page's is a small form; anything
		// else
		// (chunked, multipart, large) is for the page
		if (length < 0 && request.getHeader("Transfer-Encoding") != null || length > MAX_FORM || length > 0 && !form) {
			chain.doFilter(request, response);
			return;
		}
		Optional<DeliveryId> delivery = deliveries.confirmationToken(path.substring(PREFIX.length()));
		if (delivery.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, String[]> fields = null;
		if (length > 0) {
			// before any other filter has read the body: the form is UTF-8
			request.setCharacterEncoding(StandardCharsets.UTF_8.name());
			fields = Map.copyOf(request.getParameterMap());
		}
		ReceiptWriter.Pressed pressed;
		try {
			pressed = writer.press(delivery.get(), fields);
		}
		catch (Exception ex) {
			throw new ServletException("confirmation not recorded", ex);
		}
		if (pressed.outcome() != PressOutcome.RECORDED && pressed.outcome() != PressOutcome.ALREADY) {
			// not found, closed, questions unanswered or answers to correct: the page
			// says so
			chain.doFilter(request, response);
			return;
		}
		Locale locale = locales.resolveLocale(request);
		byte[] page = page(pressed.decision(), pressed.outcome() == PressOutcome.RECORDED, locale, request, response);
		SecurityHeaders.apply(request, response);
		response.setLocale(locale);
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(page.length);
		response.getOutputStream().write(page);
	}

	/**
	 * The thank-you page; kept per notice, outcome, language and — for answers to choice
	 * questions only — the answers, which come in few combinations. Free text is rendered
	 * each time.
	 */
	private byte[] page(PressDecision pressed, boolean first, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		// the subject and questions of the reader's version
		ConfirmableNotice notice = pressed.notice().in(Language.of(locale));
		AnswerSheet sheet = pressed.sheet();
		boolean keep = sheet == null || notice.questions().stream().allMatch(NoticeQuestion::choice);
		String key = notice.id() + ":" + first + ":" + locale.toLanguageTag() + ":" + request.getContextPath() + ":"
				+ (sheet == null ? "" : sheet.given());
		byte[] page = keep ? pages.get(key) : null;
		if (page == null) {
			Map<String, Object> model = new HashMap<>();
			model.put("subject", notice.subject());
			model.put("first", first);
			if (sheet != null) {
				model.put("questions", notice.questions());
				model.put("answers", sheet.given());
				model.put("deadline", released.closesAt(notice));
			}
			model.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, evaluation);
			WebContext context = new WebContext(
					JakartaServletWebApplication.buildApplication(request.getServletContext())
						.buildExchange(request, response),
					locale, model);
			// the page's dates are in the resident's language, as on pages MVC renders
			LocaleContext before = LocaleContextHolder.getLocaleContext();
			LocaleContextHolder.setLocale(locale);
			try {
				page = templates.process("confirmation/receipt-done", context).getBytes(StandardCharsets.UTF_8);
			}
			finally {
				LocaleContextHolder.setLocaleContext(before);
			}
			if (keep) {
				if (pages.size() > 1000) {
					pages.clear();
				}
				pages.put(key, page);
			}
		}
		return page;
	}

}
