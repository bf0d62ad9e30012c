package jp.renraku.common;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The request id of every web request (issue 18): in the log's MDC as {@code requestId}
 * for as long as the request runs, and in the response's {@code X-Request-Id}, so that a
 * resident's "it said error at 10:02" or a proxy's log line leads to this node's lines.
 * An id the reverse proxy sends ({@code X-Request-Id}, nginx's {@code $request_id}) is
 * kept when it is short and plain (letters, digits, {@code . _ -}; nothing that could
 * forge a log line); otherwise this node makes one: its prefix, drawn at start, and a
 * number from the thread's own generator, so that a confirmation press waits on no shared
 * random source and the ids tell nobody how busy the node is.
 * <p>
 * A valve of the servlet container rather than a filter: it runs before every filter, the
 * confirmation button's short path included, which answers before the filter chain goes
 * on; the management port (a server of its own) has none.
 */
class RequestIdValve extends ValveBase {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** Ten base-36 digits at most. */
	private static final long RANDOM_BOUND = 3_656_158_440_062_976L;

	private final String prefix;

	RequestIdValve() {
		super(true);
		// six base-36 digits: two nodes (or two runs of one) rarely share a prefix
		this.prefix = Long.toString(36L * 36 * 36 * 36 * 36 + new SecureRandom().nextLong(35L * 36 * 36 * 36 * 36 * 36),
				36);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String id = idFor(request.getHeader(HEADER));
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			getNext().invoke(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/** The proxy's id when it may be logged as it is, else a new one of this node's. */
	String idFor(@Nullable String given) {
		if (given != null && ACCEPTED.matcher(given).matches()) {
			return given;
		}
		return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(RANDOM_BOUND), 36);
	}

	/** Installs the valve on the public server's web application. */
	@Component
	static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextValves(new RequestIdValve());
		}

	}

}
