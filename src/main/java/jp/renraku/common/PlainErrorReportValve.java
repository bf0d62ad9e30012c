package jp.renraku.common;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Answers the few errors the servlet container handles before the application sees the
 * request (a malformed URL, for instance) with a plain bilingual page instead of the
 * container's own, which would show what software runs here (Art. 13).
 */
public class PlainErrorReportValve extends ErrorReportValve {

	static final String PAGE = """
			<!DOCTYPE html>
			<html lang="ja"><head><meta charset="UTF-8">\
			<meta name="viewport" content="width=device-width, initial-scale=1">\
			<title>リクエストを処理できません</title></head>
			<body><h1>リクエストを処理できません</h1>
			<p>送られた内容を処理できませんでした。URLを確かめて、もう一度お試しください。</p>
			<p lang="en">The request cannot be handled. Check the address and try again.</p>
			<p><a href="/">ホームへ戻る / Home</a></p></body></html>
			""";

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			// the same security headers as every page of the application
			SecurityHeaders.apply(request, response);
			response.setContentType("text/html");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(PAGE);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is committed: nothing more to say
		}
	}

	/** Installs the valve on the embedded Tomcat's host. */
	@Component
	static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(PlainErrorReportValve.class.getName());
				}
			});
		}

	}

}
