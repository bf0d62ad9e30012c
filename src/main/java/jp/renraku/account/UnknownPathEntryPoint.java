package jp.renraku.account;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Where an anonymous visitor goes when a page needs sign-in: to the staff sign-in if the
 * path is a page of the application, and to the app's own 404 page if no page has it
 * (issue 16: {@code /nope} answered 302 to the login, which tells that only staff get
 * further and sends residents who mistyped a link to a page not meant for them).
 * <p>
 * Only the answer changes, never the decision: a path counts as unknown only if no
 * controller and no actuator endpoint is mapped to it, and even then the request was
 * refused — nothing is let through.
 * <p>
 * Before an entry point is asked, the request cache has kept the request in a session,
 * for after the sign-in; for an unknown path no sign-in follows, so a session that this
 * request began is ended again: sessions are rows in the database (issue 18), and a
 * scanner's thousands of made-up paths must not write thousands of them.
 */
class UnknownPathEntryPoint implements AuthenticationEntryPoint {

	private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

	private final AuthenticationEntryPoint signIn;

	UnknownPathEntryPoint(ObjectProvider<RequestMappingInfoHandlerMapping> mappings, AuthenticationEntryPoint signIn) {
		this.mappings = mappings;
		this.signIn = signIn;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException, ServletException {
		if (unknown(request)) {
			HttpSession session = request.getSession(false);
			if (session != null && session.isNew()) {
				session.invalidate();
			}
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
		else {
			signIn.commence(request, response, refused);
		}
	}

	/** True if no controller or endpoint of the application is mapped to the path. */
	boolean unknown(HttpServletRequest request) {
		boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
		if (!parsed) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			for (RequestMappingInfoHandlerMapping mapping : mappings.orderedStream().toList()) {
				HandlerExecutionChain handler = mapping.getHandler(request);
				if (handler != null) {
					return false;
				}
			}
			return true;
		}
		catch (Exception ex) {
			// a page of that path exists, but not for this method or these headers
			return false;
		}
		finally {
			if (!parsed) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

}
