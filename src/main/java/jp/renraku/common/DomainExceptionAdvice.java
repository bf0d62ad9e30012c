package jp.renraku.common;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * One place where a refused action becomes a message (House style 7): a form's action is
 * its page's address plus one last segment ({@code POST /notices/5/approve} belongs to
 * {@code /notices/5}), so a {@link DomainException} from a POST goes back to that page
 * with the refusal as the flash message {@code flashError}. Anything else refused is the
 * plain 4xx page. Controllers catch a domain exception themselves only where the answer
 * differs (a field error, another page).
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DomainExceptionAdvice {

	@ExceptionHandler(DomainException.class)
	ModelAndView refused(DomainException ex, HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			ModelAndView page = new ModelAndView("error/4xx", HttpStatus.CONFLICT);
			page.addObject("refusal", ex.messageKey());
			return page;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String page = path.lastIndexOf('/') > 0 ? path.substring(0, path.lastIndexOf('/')) : "/";
		RequestContextUtils.getOutputFlashMap(request).put("flashError", ex.messageKey());
		return new ModelAndView("redirect:" + page);
	}

}
